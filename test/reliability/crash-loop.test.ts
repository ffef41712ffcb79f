// Relay crash: a child relay is SIGKILLed under load five times in a row, each time at a
// random moment (seeded), and restarted on the same port, database and data dir. Every
// message that got a 202 must have its reply delivered; a reply seen twice must carry
// the same X-Webhook-Id (an attempt in flight when the process died, sent again).
// Needs relay/dist (npx tsc -b relay).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { startLoad } from '../support/load.js';
import { testMongoUrl } from '../support/mongo.js';
import { startReceiver, type ReceivedRequest, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { scaled, seededRandom, testSeed } from '../support/scale.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(150_000));

const KILLS = scaled(5, 20);
const seed = testSeed();
const random = seededRandom(seed);
const database = `relay_crashloop_${randomBytes(6).toString('hex')}`;

let receiver: Receiver;
let mongo: MongoClient;
let relay: RelayProcess | undefined;
const seen = new Set<string>();

beforeAll(async () => {
  mongo = await MongoClient.connect(testMongoUrl());
  // A delivery's first attempt hangs (1 in 6) or fails with 503 (1 in 3), so kills land
  // on attempts in flight and on scheduled retries, not only on idle deliveries.
  receiver = await startReceiver((request) => {
    const id = String(request.headers['x-webhook-id']);
    const first = !seen.has(id);
    seen.add(id);
    const roll = random();
    if (first && roll < 1 / 6) return null;
    if (first && roll < 1 / 2) return { status: 503 };
    return { status: 200 };
  });
});
afterAll(async () => {
  await relay?.stop('SIGKILL');
  await receiver.close();
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

const payloadOf = (request: ReceivedRequest) =>
  JSON.parse(request.body) as { message: { id: string; content: string } };

test(`relay crash: ${KILLS} SIGKILLs under load lose no accepted message`, async () => {
  console.log(`crash loop seed: RELIABILITY_SEED=${seed}`);
  const port = await freePort();
  const env = { RELAY_DELIVERY_TIMEOUT_MS: '1500' };
  relay = await startRelayProcess({ env, port, database });
  const apiKey = relay.apiKey;
  let api: ApiCall = apiClient(relay.baseUrl, apiKey);
  const { connectionId } = await createConnection({ api }, receiver.url);
  const load = startLoad({ api: () => api, connectionId, prefix: 'crash' });

  for (let kill = 0; kill < KILLS; kill += 1) {
    // The random moment: after a random number of further accepted messages.
    const target = load.accepted.size + 3 + Math.floor(random() * 20);
    await waitFor(() => load.accepted.size >= target, {
      timeoutMs: 20_000,
      what: `${target} accepted messages before kill ${kill + 1}`,
    });
    await relay.stop('SIGKILL');
    relay = await startRelayProcess({ env, port, database, apiKey });
    api = apiClient(relay.baseUrl, apiKey);
  }
  await load.stop();

  const expected = [...load.accepted.keys()].map((message) => `[echo] ${message}`);
  const delivered = () => {
    const ok = new Set<string>();
    receiver.requests.forEach((request) => ok.add(payloadOf(request).message.content));
    return expected.every((content) => ok.has(content));
  };
  await waitFor(delivered, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: `the replies of all ${expected.length} accepted messages`,
  });

  const webhookIdsByReply = new Map<string, Set<string>>();
  for (const request of receiver.requests) {
    const replyId = payloadOf(request).message.id;
    const ids = webhookIdsByReply.get(replyId) ?? new Set<string>();
    ids.add(String(request.headers['x-webhook-id']));
    webhookIdsByReply.set(replyId, ids);
  }
  expect([...webhookIdsByReply.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  // Each accepted message answered exactly once: no reply generated twice.
  const contents = receiver.requests.map((request) => payloadOf(request).message.content);
  const repliesPerContent = new Map<string, Set<string>>();
  receiver.requests.forEach((request, i) => {
    const replies = repliesPerContent.get(contents[i] as string) ?? new Set<string>();
    replies.add(payloadOf(request).message.id);
    repliesPerContent.set(contents[i] as string, replies);
  });
  expect([...repliesPerContent.values()].filter((replies) => replies.size !== 1)).toEqual([]);
  expect(load.accepted.size).toBeGreaterThanOrEqual(KILLS * 3);
});
