// Limit (b): the store writes the relay makes to accept one message, done directly
// through the driver at the same concurrency: the conversation's findOneAndUpdate
// ($inc of the sequence; an insert for a new user) and the message insert. It calls
// the relay's own conversationForMessage, so it stays the relay's write for write.
// No load tool drives a database driver, so this one loop times itself.
import { join } from 'node:path';
import { repoRoot } from '../lib/fixtures.mjs';
import { USERS } from '../lib/messages.mjs';
import { cpuMeter } from '../lib/proc-stats.mjs';
import { databaseUrl, startFreshStore } from '../lib/relay-stack.mjs';
import { coresUsed, medianOf } from '../lib/repeat.mjs';
import { summarize } from '../lib/stats.mjs';
import { describeAccept } from '../report/format.mjs';

const relayModule = (path) => import(join(repoRoot, 'relay', 'dist', path));

/** The fields incoming.ts writes for a user message. */
function userMessage(ids, connection, conversation, seq, tag, now) {
  return {
    _id: ids.next('msg'),
    workspaceId: connection.workspaceId,
    conversationId: conversation._id,
    connectionId: connection._id,
    seq,
    role: 'user',
    content: 'Hello, I need help with my order.',
    metadataJson: JSON.stringify({ bench: tag }),
    userId: conversation.userId,
    status: 'pending',
    error: null,
    replyId: ids.next('msg'),
    outgoing: null,
    createdAt: now,
  };
}

async function writeLoop({ deps, connection, concurrency, seconds, now, runTag }) {
  const { conversationForMessage } = await relayModule('domain/conversations.js');
  const latencies = [];
  const deadline = now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (now() < deadline) {
      const i = next++;
      const started = now();
      const { conversation, seq } = await conversationForMessage(
        deps,
        connection,
        `user-${i % USERS}`,
      );
      const message = userMessage(
        deps.ids,
        connection,
        conversation,
        seq,
        `${runTag}-${i}`,
        deps.clock.now(),
      );
      await deps.store.messages.insertOne(message);
      latencies.push(now() - started);
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = (now() - started) / 1000;
  return { messagesPerSecond: latencies.length / elapsedSeconds, ...summarize(latencies) };
}

async function storeWritesRun({ classpath, concurrency, plan, runTag, now }) {
  const { openStore } = await relayModule('store/store.js');
  const { createIdGenerator } = await relayModule('app/ids.js');
  const store = await startFreshStore(classpath);
  const db = await openStore(databaseUrl(store.uri, 'limit_b'));
  try {
    const deps = { store: db, clock: { now: () => new Date() }, ids: createIdGenerator() };
    const connection = { _id: 'conn_bench', workspaceId: 'ws_bench', chatbotId: 'bot_bench' };
    const loop = (seconds, tag) =>
      writeLoop({ deps, connection, concurrency, seconds, now, runTag: tag });
    await loop(plan.warmupSeconds, `${runTag}w`);
    const meter = cpuMeter({ store: store.pid, load: process.pid });
    const result = await loop(plan.acceptSeconds, runTag);
    const { count, ...figures } = result;
    return { ...figures, writes: count, ...coresUsed(meter(), plan.acceptSeconds) };
  } finally {
    await db.close();
    await store.stop();
  }
}

export async function measureStoreWrites({ plan, log, classpath, now }) {
  const byConcurrency = {};
  for (const concurrency of plan.concurrencies) {
    byConcurrency[concurrency] = await medianOf(plan.runs, (run) =>
      storeWritesRun({ classpath, concurrency, plan, runTag: `db${concurrency}r${run}`, now }),
    );
    log(`  (b) store writes c=${concurrency}: ${describeAccept(byConcurrency[concurrency])}`);
  }
  return byConcurrency;
}
