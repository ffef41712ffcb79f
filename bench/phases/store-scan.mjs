// Diagnostic behind the end-to-end figures: what one relay query costs on the embedded
// store as the messages collection grows — a read and a write by `_id` alone, and a read
// by other fields (the conversation worker's "next pending message of this conversation").
import { importRelayModule } from '../lib/fixtures.mjs';
import { databaseUrl, startFreshStore } from '../lib/relay-stack.mjs';
import { median } from '../lib/stats.mjs';

const LOOKUPS = 7;
const BATCH = 1_000;

function storedMessage(i) {
  return {
    _id: `msg_scan_${i}`,
    workspaceId: 'ws_bench',
    conversationId: `conv_${i % 1000}`,
    connectionId: 'conn_bench',
    seq: Math.floor(i / 1000),
    role: i % 2 ? 'assistant' : 'user',
    content: 'Hello, I need help with my order.',
    metadataJson: '{"bench":"scan"}',
    userId: `user-${i % 1000}`,
    status: 'completed',
    error: null,
    replyId: null,
    outgoing: null,
    createdAt: new Date(),
  };
}

async function timeEach(now, count, lookup) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = now();
    await lookup(i);
    times.push(now() - started);
  }
  return median(times);
}

export async function measureScanCost({ classpath, plan, now, log }) {
  const { openDatabase } = await importRelayModule('store/mongo/database.js');
  const store = await startFreshStore(classpath);
  const { client, collections: db } = await openDatabase(databaseUrl(store.uri, 'scan'));
  try {
    const sizes = [];
    let stored = 0;
    for (const size of plan.scanSizes) {
      for (; stored < size; stored += BATCH) {
        const count = Math.min(BATCH, size - stored);
        await db.messages.insertMany(
          Array.from({ length: count }, (_, i) => storedMessage(stored + i)),
        );
      }
      // Spread over the collection: a document near the start is found early by any scan.
      const spread = (i) => storedMessage(Math.floor(((i + 0.5) / LOOKUPS) * size))._id;
      const byIdMs = await timeEach(now, LOOKUPS, (i) => db.messages.findOne({ _id: spread(i) }));
      const updateByIdMs = await timeEach(now, LOOKUPS, (i) =>
        db.messages.updateOne({ _id: spread(i) }, { $set: { status: 'delivered' } }),
      );
      // The shape of every claim and lease: _id plus a condition (found by _id first).
      const conditionalUpdateMs = await timeEach(now, LOOKUPS, (i) =>
        db.messages.updateOne({ _id: spread(i), role: 'user' }, { $set: { error: null } }),
      );
      const byFieldsMs = await timeEach(now, LOOKUPS, (i) =>
        db.messages.findOne(
          { conversationId: `conv_${i}`, role: 'user', status: 'pending' },
          { sort: { seq: 1 } },
        ),
      );
      sizes.push({
        documents: size,
        byIdMs,
        updateByIdMs,
        conditionalUpdateMs,
        byFieldsMs,
        microsPerDocument: (byFieldsMs * 1000) / size,
      });
      log(
        `  ${size} messages stored: find by _id ${byIdMs.toFixed(1)} ms, update by _id ${updateByIdMs.toFixed(1)} ms (with a condition ${conditionalUpdateMs.toFixed(1)} ms), find by other fields ${byFieldsMs.toFixed(1)} ms`,
      );
    }
    return sizes;
  } finally {
    await client.close();
    await store.stop();
  }
}
