// Durability: a relay child process is killed with SIGKILL while AI replies, delivery
// attempts and retries are in flight, then started again on the same database. Every
// accepted message's reply must reach the receiver; duplicates only with the same delivery id.
// Needs relay/dist (npx tsc -b relay).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { apiClient } from '../support/api-client.js';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.js';
import { testMongoUrl } from '../support/mongo.js';
import { startReceiver, type ReceivedRequest, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(90_000));

const WAVE = 15;
const USERS = 5;

let fakeAi: FakeOpenAi;
let receiver: Receiver;
let mongo: MongoClient;
let relay: RelayProcess | undefined;
const database = `relay_crash_${randomBytes(6).toString('hex')}`;
/** Deliveries in the order the receiver first saw them. */
const firstSeen = new Map<string, number>();
const answeredOk: ReceivedRequest[] = [];
let stuck = 0;
let killed = false;

beforeAll(async () => {
  fakeAi = await startFakeOpenAi();
  mongo = await MongoClient.connect(testMongoUrl());
  // Until the kill, the first attempt of every fifth delivery hangs (in flight when the relay
  // dies) and of every third other one fails (its retry due a second later); all else succeeds.
  receiver = await startReceiver((request) => {
    const id = String(request.headers['x-webhook-id']);
    const first = !firstSeen.has(id) && !killed;
    if (first) firstSeen.set(id, firstSeen.size);
    const order = firstSeen.get(id) ?? 0;
    if (first && order % 5 === 1) {
      stuck += 1;
      return null;
    }
    if (first && order % 3 === 0) return { status: 503 };
    answeredOk.push(request);
    return { status: 200 };
  });
});
afterAll(async () => {
  await relay?.stop('SIGKILL');
  await receiver.close();
  await fakeAi.close();
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

const replyIdOf = (request: ReceivedRequest) =>
  (JSON.parse(request.body) as { message: { id: string } }).message.id;

test('every accepted message is delivered after a SIGKILL and a restart', async () => {
  const port = await freePort();
  const env = {
    AI_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fakeAi.baseUrl,
    RELAY_DELIVERY_TIMEOUT_MS: '4000',
  };
  const first = await startRelayProcess({ env, port, database });
  relay = first;
  const api = apiClient(first.baseUrl, first.apiKey);
  const { connectionId } = await createConnection({ api }, receiver.url);
  const send = async (index: number) => {
    const response = await api('/api/webhooks/incoming', {
      body: { connectionId, message: `crash message ${index}`, userId: `user-${index % USERS}` },
    });
    expect(response.status).toBe(202);
    return response.body.messageId as string;
  };
  const indexes = (from: number) => Array.from({ length: WAVE }, (_, i) => from + i);

  // Wave 1 is answered at once: its deliveries fail, hang or succeed.
  const accepted = await Promise.all(indexes(0).map(send));
  await waitFor(
    async () =>
      stuck > 0 &&
      (await api(`/api/connections/${connectionId}/deliveries?status=retrying`)).body.data.length >
        0,
    { what: 'a retry scheduled and an attempt hanging' },
  );
  // Wave 2 is mid-reply when the relay dies: the AI holds its answers.
  fakeAi.hold();
  accepted.push(...(await Promise.all(indexes(WAVE).map(send))));
  await waitFor(() => fakeAi.held() > 0, { what: 'an AI call in flight' });

  await first.stop('SIGKILL');
  killed = true;

  const store = mongo.db(database);
  const left = {
    pendingMessages: await store.collection('pendingMessages').countDocuments({}),
    retrying: await store.collection('deliveries').countDocuments({ status: 'retrying' }),
    inFlight: await store.collection('deliveries').countDocuments({ inFlight: { $ne: null } }),
  };
  expect(left.pendingMessages).toBeGreaterThan(0);
  expect(left.retrying + left.inFlight).toBeGreaterThan(0);

  fakeAi.release();
  relay = await startRelayProcess({ env, port, database, apiKey: first.apiKey });
  await waitFor(() => new Set(answeredOk.map(replyIdOf)).size >= 2 * WAVE, {
    timeoutMs: 60_000,
    intervalMs: 100,
    what: `${2 * WAVE} replies delivered after the restart`,
  });

  expect(new Set(accepted).size).toBe(2 * WAVE);
  const contents = new Set(
    answeredOk.map((r) => (JSON.parse(r.body) as { message: { content: string } }).message.content),
  );
  expect(contents).toEqual(
    new Set([...indexes(0), ...indexes(WAVE)].map((i) => `[ai] crash message ${i}`)),
  );
  const deliveryIdsByReply = new Map<string, Set<string>>();
  for (const request of receiver.requests) {
    const ids = deliveryIdsByReply.get(replyIdOf(request)) ?? new Set();
    ids.add(String(request.headers['x-webhook-id']));
    deliveryIdsByReply.set(replyIdOf(request), ids);
  }
  expect(deliveryIdsByReply.size).toBe(2 * WAVE);
  expect([...deliveryIdsByReply.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  expect(
    await store
      .collection('messages')
      .countDocuments({ role: 'user', status: { $ne: 'completed' } }),
  ).toBe(0);
  // Nothing is left unfinished once every first attempt is recorded.
  await waitFor(async () => (await store.collection('pendingMessages').countDocuments({})) === 0, {
    what: 'no message left pending',
  });
});
