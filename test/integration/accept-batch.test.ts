// Accepts that arrive together are written together: one insert for many messages, counted
// among the real store's commands (a batch the store did not take: store-unavailable.test.ts).
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { StoreCommand } from '../../relay/src/store/mongo/database.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startMongoTestRelay, type MongoTestRelay } from '../support/mongo-relay-harness.js';
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
