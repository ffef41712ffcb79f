// Accepts on the real store: those that arrive together are one insert (counted among the
// store's commands); a batch the store did not take (its client closed) answers every request
// in it with a 503 and stores nothing, and /readyz says so too.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import type { StoreCommand } from '../../relay/src/store/mongo/database.js';
import { startMongoTestRelay, type MongoTestRelay } from '../support/mongo-relay-harness.js';
import { testMongoUrl } from '../support/mongo.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';

let receiver: Receiver;
const relays: MongoTestRelay[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  await receiver.close();
});

async function relayWith(onCommand?: (command: StoreCommand) => void) {
  const relay = await startMongoTestRelay(onCommand ? { onCommand } : {});
  relays.push(relay);
  const { connectionId } = await createConnection(relay, receiver.url);
  const send = (message: string) =>
    relay.api('/api/webhooks/incoming', { body: { connectionId, message, userId: message } });
  return { relay, send };
}

async function relayWhoseStoreIsGone() {
  const { relay, send } = await relayWith();
  await send('before the outage');
  const database = relay.db.databaseName;
  await relay.store.close();
  return { relay, send, database };
}

test('50 accepts at once are written in a few batched inserts, each answered 202', async () => {
  const inserts: StoreCommand[] = [];
  const { send } = await relayWith((command) => {
    if (command.name === 'insert' && command.collection === 'pendingMessages') {
      inserts.push(command);
    }
  });
  await send('warm up');
  inserts.length = 0;

  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => send(`batched ${i}`)));

  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
  expect(inserts.length).toBeGreaterThanOrEqual(1);
  expect(inserts.length).toBeLessThan(50);
});

test('when the store does not take a batch, every request in it gets 503 and nothing is stored', async () => {
  const { send, database } = await relayWhoseStoreIsGone();

  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send(`lost ${i}`)));

  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('store_unavailable');
    expect(answer.headers.get('retry-after')).toBe('1');
  }
  const raw = await MongoClient.connect(testMongoUrl());
  try {
    const pending = raw.db(database).collection('pendingMessages');
    const settled = raw.db(database).collection('messages');
    expect(await pending.countDocuments({ content: /^lost / })).toBe(0);
    expect(await settled.countDocuments({ content: /^lost / })).toBe(0);
  } finally {
    await raw.close();
  }
});

test('/readyz is a 503 store_unavailable with Retry-After when the store is gone', async () => {
  const { relay } = await relayWhoseStoreIsGone();

  const ready = await fetch(`${relay.url}/readyz`);
  const health = await fetch(`${relay.url}/healthz`);

  expect(ready.status).toBe(503);
  expect(((await ready.json()) as { error: { code: string } }).error.code).toBe(
    'store_unavailable',
  );
  expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(health.status).toBe(200);
});
