// The store that the relay runs share. A fresh JVM spends its first 20-odd seconds under
// load compiling (see warm-up.mjs); a store runs for days, so the relay runs use one store
// that has been under load first, each on a database of its own (empty at its start, like a
// fresh store, and dropped at its end).
import { MongoClient } from 'mongodb';
import { startFreshStore, withRelayStack } from './relay-stack.mjs';

async function dropDatabase(uri, database) {
  const client = await MongoClient.connect(uri);
  try {
    await client.db(database).dropDatabase();
  } finally {
    await client.close();
  }
}

/** Starts the shared store and puts it under load for `plan.storeWarmupSeconds`. */
export async function startWarmStore(context) {
  const { plan, log, classpath, compaction } = context;
  const store = await startFreshStore(classpath, { compaction });
  let databases = 0;
  const warmStore = {
    async newDatabase() {
      const database = `run${(databases += 1)}`;
      const { uri, pid, dataDir } = store;
      return { uri, pid, dataDir, database, stop: () => dropDatabase(uri, database) };
    },
    stop: store.stop,
  };
  log(`warming a store up: ${plan.storeWarmupSeconds} s of load through a relay`);
  const warming = { ...plan, relayWarmupSeconds: plan.storeWarmupSeconds };
  await withRelayStack({ ...context, plan: warming, warmStore }, async () => undefined);
  return warmStore;
}
