// Limit (b): the store writes the relay makes to accept one message, done directly
// through the driver at the same concurrency: the conversation's upsert and the insert of
// the waiting message. It calls the relay's own ConversationRepository.accept with a batch
// of one, so it stays the relay's write for write (without the batching of busy moments).
// No load tool drives a database driver, so this one loop times itself.
import { importRelayModule } from '../lib/fixtures.mjs';
import { USERS } from '../lib/messages.mjs';
import { cpuMeter } from '../lib/proc-stats.mjs';
import { databaseUrl, startFreshStore } from '../lib/relay-stack.mjs';
import { coresUsed, medianOf } from '../lib/repeat.mjs';
import { summarize } from '../lib/stats.mjs';
import { describeAccept } from '../report/format.mjs';

/** What routes/incoming.ts hands the accept batcher for one message. */
function acceptance(ids, connection, conversationId, userId, tag, now) {
  return {
    conversation: {
      id: conversationId,
      workspaceId: connection.workspaceId,
      connectionId: connection.id,
      chatbotId: connection.chatbotId,
      userId,
      createdAt: now,
    },
    message: {
      id: ids.next('msg'),
      workspaceId: connection.workspaceId,
      conversationId,
      connectionId: connection.id,
      chatbotId: connection.chatbotId,
      content: 'Hello, I need help with my order.',
      metadataJson: JSON.stringify({ bench: tag }),
      userId,
      replyId: ids.next('msg'),
      callback: null,
      acceptedAt: now,
    },
  };
}

async function writeLoop({ deps, connection, concurrency, seconds, now, runTag }) {
  const { conversationIdFor } = await importRelayModule('conversations/conversation-ids.js');
  const latencies = [];
  const deadline = now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (now() < deadline) {
      const i = next++;
      const started = now();
      const userId = `user-${i % USERS}`;
      const conversationId = conversationIdFor(deps.ids, connection.id, userId);
      const at = deps.clock.now();
      await deps.store.conversations.accept(
        [acceptance(deps.ids, connection, conversationId, userId, `${runTag}-${i}`, at)],
        at,
      );
      latencies.push(now() - started);
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = (now() - started) / 1000;
  return { messagesPerSecond: latencies.length / elapsedSeconds, ...summarize(latencies) };
}

async function storeWritesRun({ classpath, warmStore, concurrency, plan, runTag, now }) {
  const { openMongoStore } = await importRelayModule('store/mongo/mongo-store.js');
  const { createIdGenerator } = await importRelayModule('ids/generated-ids.js');
  const store = warmStore ? await warmStore.newDatabase() : await startFreshStore(classpath);
  const db = await openMongoStore(databaseUrl(store.uri, store.database ?? 'limit_b'));
  try {
    const deps = { store: db, clock: { now: () => new Date() }, ids: createIdGenerator() };
    const connection = { id: 'conn_bench', workspaceId: 'ws_bench', chatbotId: 'bot_bench' };
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

export async function measureStoreWrites({ plan, log, classpath, warmStore, now }) {
  const byConcurrency = {};
  for (const concurrency of plan.concurrencies) {
    byConcurrency[concurrency] = await medianOf(plan.runs, (run) =>
      storeWritesRun({
        classpath,
        warmStore,
        concurrency,
        plan,
        runTag: `db${concurrency}r${run}`,
        now,
      }),
    );
    log(`  (b) store writes c=${concurrency}: ${describeAccept(byConcurrency[concurrency])}`);
  }
  return byConcurrency;
}
