// The in-process relay on the real store: a database of its own on the test store
// (MONGODB_URL), Agenda's jobs on it as main.ts builds them. For the integration tests that
// need what only the real store has: its commands counted, its documents read raw, Agenda.
import { randomBytes } from 'node:crypto';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import { createAgendaJobs } from '../../relay/src/jobs/agenda-jobs.js';
import {
  openMongoStore,
  type MongoStore,
  type MongoStoreOptions,
} from '../../relay/src/store/mongo/mongo-store.js';
import { withStoreErrors } from '../../relay/src/store/mongo/store-errors.js';
import { testMongoUrl } from './mongo.js';
import { startRelayOn, type TestRelay, type TestRelayOptions } from './relay-harness.js';

export interface MongoTestRelay extends TestRelay {
  store: MongoStore;
  /** The relay's database as documents, for assertions on what it stored. */
  db: Db;
}

export async function startMongoTestRelay(
  options: TestRelayOptions & {
    /** 0 turns the store's short-lived caches off, for tests that change documents directly. */
    cacheTtlMs?: number;
    onCommand?: MongoStoreOptions['onCommand'];
  } = {},
): Promise<MongoTestRelay> {
  const store = await openMongoStore(testMongoUrl(), {
    dbName: `relay_${randomBytes(6).toString('hex')}`,
    ...(options.cacheTtlMs === undefined ? {} : { cacheTtlMs: options.cacheTtlMs }),
    ...(options.onCommand ? { onCommand: options.onCommand } : {}),
  });
  // As main.ts does: Agenda on the store's database, its driver errors the store's.
  const started = await startRelayOn(
    store,
    (deps) => {
      const backend = new MongoBackend({ mongo: store.database, collection: 'agendaJobs' });
      const agenda = createAgendaJobs(deps, backend);
      return { ...agenda, scheduler: withStoreErrors(agenda.scheduler) };
    },
    options,
  );
  return {
    ...started,
    db: store.database,
    async close() {
      await started.relay.close();
      await store.database.dropDatabase().catch(() => undefined);
      await store.close();
    },
  };
}
