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
  agenda.define<{ word: string }>('echo-word', async (job) => {
    seen.push(job.attrs.data.word);
  });
  await agenda.start();
  await agenda.schedule(new Date(Date.now() + 200), 'echo-word', { word: 'hello' });

  await waitFor(() => seen.length === 1, { timeoutMs: 10_000 });
  expect(seen).toEqual(['hello']);
  const stored = await store.db.collection('agendaJobs').findOne({ name: 'echo-word' });
  expect(stored?.lastFinishedAt).toBeInstanceOf(Date);
});
