// A store that stops answering: a batch of accepts it did not take answers every request in it
// with a 503 and stores nothing; /readyz says so too. The real store, its client closed.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
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

async function relayWhoseStoreIsGone() {
  const relay = await startMongoTestRelay();
  relays.push(relay);
  const { connectionId } = await createConnection(relay, receiver.url);
  const send = (message: string) =>
    relay.api('/api/webhooks/incoming', { body: { connectionId, message, userId: message } });
  await send('before the outage');
  const database = relay.db.databaseName;
  await relay.store.close();
  return { relay, send, database };
}

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
