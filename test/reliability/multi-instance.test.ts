// Several relay instances: two child relays (own data dirs, so own instance ids) on one
// database. Messages arrive at both; each reply is generated once and delivered exactly once.
// Also searches both processes' full output for the API key and every webhook secret.
// Needs relay/dist (npx tsc -b relay).
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { apiClient } from '../support/api-client.js';
import { testMongoUrl } from '../support/mongo.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { scaled } from '../support/scale.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(120_000));

const MESSAGES = scaled(60, 600);
const database = `relay_multi_${randomBytes(6).toString('hex')}`;

let receiver: Receiver;
let mongo: MongoClient;
const relays: RelayProcess[] = [];

beforeAll(async () => {
  mongo = await MongoClient.connect(testMongoUrl());
  receiver = await startReceiver();
  const apiKey = `fck_test_${randomBytes(12).toString('hex')}`;
  // Different data dirs: RELAY_DATA_DIR is what makes them different instances.
  for (const name of ['a', 'b']) {
    relays.push(
      await startRelayProcess({
        database,
        apiKey,
        env: { RELAY_DATA_DIR: join(tmpdir(), `${database}-${name}`), LOG_LEVEL: 'debug' },
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop('SIGKILL')));
  await receiver.close();
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

test(`two relays on one store deliver each of ${MESSAGES} messages exactly once`, async () => {
  const [a, b] = relays as [RelayProcess, RelayProcess];
  const apis = [apiClient(a.baseUrl, a.apiKey), apiClient(b.baseUrl, b.apiKey)] as const;
  const { connectionId, secret } = await createConnection({ api: apis[0] }, receiver.url);
  const sub = await apis[1](`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: `${receiver.url}/sub` },
  });

  const accepted = await Promise.all(
    Array.from({ length: MESSAGES }, async (_, i) => {
      const response = await (i % 2 === 0 ? apis[0] : apis[1])('/api/webhooks/incoming', {
        body: { connectionId, message: `multi ${i}`, userId: `user-${i % 7}` },
      });
      expect(response.status).toBe(202);
      return response.body.messageId as string;
    }),
  );
  // Two targets (webhook and subscription) per reply, each delivered (repeats counted below).
  const deliveries = mongo.db(database).collection('deliveries');
  await waitFor(
    async () =>
      (await deliveries.countDocuments({ status: 'delivered' })) === 2 * MESSAGES &&
      (await deliveries.countDocuments({})) === 2 * MESSAGES,
    { timeoutMs: 60_000, intervalMs: 100, what: `${2 * MESSAGES} deliveries delivered` },
  );

  const perTarget = new Map<string, Set<string>>();
  const sends = new Map<string, number>();
  for (const request of receiver.requests) {
    const { message } = JSON.parse(request.body) as { message: { id: string } };
    const key = `${request.path} ${message.id}`;
    perTarget.set(
      key,
      (perTarget.get(key) ?? new Set()).add(String(request.headers['webhook-id'])),
    );
    sends.set(key, (sends.get(key) ?? 0) + 1);
  }
  expect(new Set(accepted).size).toBe(MESSAGES);
  expect(perTarget.size).toBe(2 * MESSAGES);
  // A repeat is always the same delivery (same webhook-id), so receivers can drop it.
  expect([...perTarget.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  // The store's claims are atomic: in normal operation nothing is sent twice.
  expect([...sends.values()].filter((count) => count > 1)).toEqual([]);
  const replies = await mongo
    .db(database)
    .collection('messages')
    .countDocuments({ role: 'assistant' });
  expect(replies).toBe(MESSAGES);

  const output = relays.map((relay) => relay.output()).join('\n');
  const secrets = [a.apiKey, secret, sub.body.secret as string];
  expect(secrets.filter((value) => output.includes(value))).toEqual([]);
  expect(secrets.filter((value) => output.includes(value.replace(/^whsec_/, '')))).toEqual([]);
});
