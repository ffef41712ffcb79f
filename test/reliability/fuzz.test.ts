// Hostile input: at least 10,000 malformed requests over every route of allRoutes (wrong
// types, huge strings, deep JSON, invalid UTF-8, __proto__/constructor keys, Mongo
// operators in every field, wrong content types, missing and garbage auth), sent
// concurrently from a seeded PRNG. Zero 5xx, the relay keeps serving, nothing of another
// workspace changes, and no prototype gets polluted.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Document } from 'mongodb';
import { allRoutes } from '../../relay/src/app/create-app.js';
import { fuzzRequestFactory, type FuzzRequest } from '../support/fuzz-requests.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startMongoTestRelay, type MongoTestRelay } from '../support/mongo-relay-harness.js';
import { createConnection } from '../support/relay-harness.js';
import { apiClient } from '../support/api-client.js';
import { scaled, seededRandom, testSeed } from '../support/scale.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(120_000));

const REQUESTS = scaled(10_000, 100_000);
const CONCURRENCY = 32;
const seed = testSeed();

let relay: MongoTestRelay;
let receiver: Receiver;
let victimId: string;
const ids: string[] = [];

/** Every document of the other workspace, in every collection. */
async function victimSnapshot(): Promise<Record<string, Document[]>> {
  const snapshot: Record<string, Document[]> = {};
  const collections = await relay.db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections) {
    const filter = name === 'workspaces' ? { _id: victimId as never } : { workspaceId: victimId };
    const docs = await relay.db.collection(name).find(filter).sort({ _id: 1 }).toArray();
    // A collection the relay first writes during the run (health figures) is not a change.
    if (docs.length > 0) snapshot[name] = docs;
  }
  return snapshot;
}

beforeAll(async () => {
  relay = await startMongoTestRelay({ settings: { rateLimitPerMinute: 10_000_000 } });
  receiver = await startReceiver();
  // The other workspace: chatbot, connection, subscription, conversation, delivery.
  const victimApi = apiClient(relay.url, await relay.newWorkspace('Victim'));
  victimId = (await victimApi('/api/me')).body.workspaceId;
  const victim = await createConnection({ api: victimApi }, receiver.url);
  const sub = await victimApi(`/api/connections/${victim.connectionId}/subscriptions`, {
    body: { targetUrl: `${receiver.url}/victim-sub` },
  });
  const sent = await victimApi('/api/webhooks/incoming?wait=true', {
    body: { connectionId: victim.connectionId, message: 'victim message' },
  });
  const own = await createConnection(relay, receiver.url);
  const ownSent = await relay.api('/api/webhooks/incoming?wait=true', {
    body: { connectionId: own.connectionId, message: 'own message' },
  });
  ids.push(
    ...Object.values(victim).filter((value) => !value.startsWith('whsec_')),
    sub.body.id,
    sent.body.conversationId,
    own.chatbotId,
    own.connectionId,
    ownSent.body.conversationId,
  );
  await waitFor(() => receiver.requests.length >= 3, { what: 'the seed deliveries' });
  const deliveries = await relay.db.collection<{ _id: string }>('deliveries').find({}).toArray();
  ids.push(...deliveries.map((delivery) => delivery._id));
  await waitFor(
    async () =>
      (await relay.db.collection('deliveries').countDocuments({ status: { $ne: 'delivered' } })) ===
      0,
    { what: 'seed deliveries settled' },
  );
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

async function send(request: FuzzRequest): Promise<number | string> {
  try {
    const response = await fetch(`${relay.url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return `network: ${(error as Error).message}`;
  }
}

test(`fuzz: ${REQUESTS} malformed requests over every route, zero 5xx`, async () => {
  console.log(`fuzz seed: RELIABILITY_SEED=${seed}`);
  const routes = allRoutes(relay.relay.services);
  const next = fuzzRequestFactory(routes, { apiKey: relay.apiKey, ids }, seededRandom(seed));
  const before = await victimSnapshot();
  const requests = Array.from({ length: REQUESTS }, next);
  const failures: string[] = [];
  const statuses = new Map<string, number>();
  let cursor = 0;
  const worker = async () => {
    while (cursor < requests.length) {
      const index = cursor++;
      const request = requests[index] as FuzzRequest;
      const status = await send(request);
      statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
      if (typeof status === 'string' || status >= 500) {
        failures.push(`#${index} ${request.method} ${request.path.slice(0, 120)} → ${status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  expect(failures.slice(0, 20)).toEqual([]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  // Every route was hit: the list comes from the app itself.
  expect(
    new Set(requests.map((r) => r.path.split('?')[0]?.split('/').slice(0, 3).join('/'))).size,
  ).toBeGreaterThan(5);
  expect((await relay.api('/api/me')).status).toBe(200);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(await victimSnapshot()).toEqual(before);
  const operatorKeys = await relay.db.collection('chatbots').countDocuments({
    $or: [{ name: { $type: 'object' } }, { systemPrompt: { $type: 'object' } }],
  });
  expect(operatorKeys).toBe(0);
});
