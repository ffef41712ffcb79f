import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { openTestDatabase, type TestDatabase } from '../support/mongo.js';
import { waitFor } from '../support/wait.js';

let store: TestDatabase;
let agenda: Agenda;
beforeAll(async () => {
  store = await openTestDatabase();
  // Agenda keeps a lockLifetime/2 timer alive after each job; a short lifetime lets jest exit.
  agenda = new Agenda({
    backend: new MongoBackend({ mongo: store.db }),
    processEvery: 100,
    defaultLockLifetime: 1_000,
  });
});
afterAll(async () => {
  await agenda.stop();
  await store.close();
});

test('an Agenda 6 job scheduled in the store runs with its data', async () => {
  const seen: string[] = [];
  agenda.define<{ word: string }>('echo-word', (job) => {
    seen.push(job.attrs.data.word);
    return Promise.resolve();
  });
  await agenda.start();
  await agenda.schedule(new Date(Date.now() + 200), 'echo-word', { word: 'hello' });

  // Agenda records the finish after the handler returns, so wait for the record itself.
  const stored = await waitFor(
    async () =>
      (await store.db.collection('agendaJobs').findOne({ name: 'echo-word' }))?.lastFinishedAt,
    { timeoutMs: 10_000, what: 'the job to be recorded as finished' },
  );
  expect(stored).toBeInstanceOf(Date);
  expect(seen).toEqual(['hello']);
});
