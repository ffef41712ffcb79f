// A restarted relay takes back at once the jobs its previous incarnation had locked when it
// died (Agenda locks jobs up to its poll interval before they are due), instead of waiting out
// the lock lifetime; another instance's locks stay as they are.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import { pino } from 'pino';
import { createAgendaJobs } from '../../relay/src/jobs/agenda-jobs.js';
import type { Jobs } from '../../relay/src/jobs/jobs.js';
import { openTestDatabase, type TestDatabase } from '../support/mongo.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

/** The lock lifetime is this + 5 s: far beyond the test's deadline, so a lock is never outlived. */
const DELIVERY_TIMEOUT_MS = scaledMs(60_000);

let database: TestDatabase;
let jobs: Jobs | undefined;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await jobs?.stop();
  await database.close();
});

const backend = () => new MongoBackend({ mongo: database.db, collection: 'agendaJobs' });

test("at start the previous incarnation's locked jobs run at once; another instance's stay locked", async () => {
  // What the dead process left: two due attempts, locked (by it, and by a live instance).
  const before = new Agenda({ backend: backend(), name: 'relay_me' });
  await before.ready;
  const due = new Date(Date.now() - 1_000);
  const mine = await before.schedule(due, 'deliver', { deliveryId: 'dlv_mine', attempt: 0 });
  const theirs = await before.schedule(due, 'deliver', { deliveryId: 'dlv_theirs', attempt: 0 });
  expect(await before.db.lockJob(mine.attrs, { lastModifiedBy: 'relay_me' })).toBeDefined();
  expect(await before.db.lockJob(theirs.attrs, { lastModifiedBy: 'relay_other' })).toBeDefined();

  const attempted: string[] = [];
  jobs = createAgendaJobs(
    {
      logger: pino({ level: 'silent' }),
      settings: { instanceId: 'relay_me', deliveryTimeoutMs: DELIVERY_TIMEOUT_MS },
    },
    backend(),
  );
  await jobs.start({
    attempt(deliveryId) {
      attempted.push(deliveryId);
      return Promise.resolve({ state: 'stale' });
    },
    retention: () => Promise.resolve(),
  });

  await waitFor(() => attempted.includes('dlv_mine'), {
    what: "the previous incarnation's job to run",
  });
  expect(attempted).not.toContain('dlv_theirs');
  const stillLocked = await before.db.getJobById(String(theirs.attrs._id));
  expect(stillLocked?.lockedAt).toBeInstanceOf(Date);
});
