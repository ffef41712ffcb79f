// Store outage: the relay's own embedded store is stopped for ~10 s while messages keep coming, then
// started again on the same port and data dir. Meanwhile ingress must answer 503 with
// Retry-After within a few seconds (never a 500, never a hang), /readyz must fail, and the
// process must stay up; afterwards it recovers by itself and every 202's reply arrives.
// Needs relay/dist (npx tsc -b relay).
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { apiClient } from '../support/api-client.js';
import { startLoad } from '../support/load.js';
import { startOwnStore, type OwnStore } from '../support/own-store.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { scaled } from '../support/scale.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(180_000));

const OUTAGE_MS = scaled(10_000, 60_000);
/** The longest an answer may take while the store is down. */
const PROMPT_MS = scaledMs(4_000);

let store: OwnStore;
let receiver: Receiver;
let relay: RelayProcess;

beforeAll(async () => {
  store = await startOwnStore();
  receiver = await startReceiver();
  relay = await startRelayProcess({
    mongoUrl: store.uri,
    env: { RELAY_DELIVERY_TIMEOUT_MS: String(scaledMs(1_000)) },
  });
});
afterAll(async () => {
  await relay.stop('SIGKILL');
  await receiver.close();
  await store.remove();
});

/** Whether the store itself answers a new client: tells a stuck relay from a broken store. */
async function storeAnswersNewClient(uri: string): Promise<string> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: scaledMs(5_000) });
  try {
    await client.db('admin').command({ ping: 1 });
    return 'the store answers a new client';
  } catch (error) {
    return `the store does not answer a new client either: ${String(error)}`;
  } finally {
    await client.close();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

test(`store outage: ${OUTAGE_MS / 1000} s without the store loses nothing that got a 202`, async () => {
  const api = apiClient(relay.baseUrl, relay.apiKey);
  const { connectionId } = await createConnection({ api }, receiver.url);
  const load = startLoad({ api: () => api, connectionId, prefix: 'outage' });
  await waitFor(() => load.accepted.size >= 10, { what: 'load before the outage' });

  await store.stop();
  const outageEnds = Date.now() + OUTAGE_MS;
  const probes: { status: number; retryAfter: string | null; ms: number }[] = [];
  const readiness: number[] = [];
  // Probe ingress and readiness all through the outage (a poll with a deadline).
  await waitFor(
    async () => {
      const ingress = await timed(() =>
        api('/api/webhooks/incoming', { body: { connectionId, message: 'during the outage' } }),
      );
      probes.push({
        status: ingress.value.status,
        retryAfter: ingress.value.headers.get('retry-after'),
        ms: ingress.ms,
      });
      readiness.push((await fetch(`${relay.baseUrl}/readyz`)).status);
      return Date.now() > outageEnds;
    },
    { timeoutMs: OUTAGE_MS + 30_000, intervalMs: 200, what: 'the end of the outage' },
  );
  expect(relay.child.exitCode).toBeNull();
  await store.start();

  // Recovers by itself: nobody restarts the relay.
  await waitFor(async () => (await fetch(`${relay.baseUrl}/readyz`)).ok, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: '/readyz after the store is back',
  }).catch(async (error: unknown) => {
    const verdict = await storeAnswersNewClient(store.uri);
    throw new Error(
      `${String(error)}; ${verdict}\nrelay output (tail):\n${relay.output().slice(-3000)}`,
    );
  });
  await waitFor(() => load.accepted.size >= 10 + probes.length / 10, {
    timeoutMs: 20_000,
    what: 'messages accepted again',
  });
  await load.stop();

  const outageAnswers = probes.filter((probe) => probe.status !== 202);
  expect(outageAnswers.length).toBeGreaterThan(0);
  expect(outageAnswers.filter((probe) => probe.status !== 503)).toEqual([]);
  expect(outageAnswers.filter((probe) => probe.retryAfter === null)).toEqual([]);
  expect(Math.max(...probes.map((probe) => probe.ms))).toBeLessThan(PROMPT_MS);
  expect(readiness.filter((status) => status === 503).length).toBeGreaterThan(0);
  expect(readiness.filter((status) => status !== 503 && status !== 200)).toEqual([]);
  expect([...load.refused.keys()].filter((status) => status !== '503')).toEqual([]);
  expect(load.slowestMs).toBeLessThan(PROMPT_MS);
  expect(relay.child.exitCode).toBeNull();

  const expected = [...load.accepted.keys()].map((message) => `[echo] ${message}`);
  const accepted = probes.filter((probe) => probe.status === 202).length;
  await waitFor(
    () => {
      const delivered = receiver.requests.map(
        (request) => (JSON.parse(request.body) as { message: { content: string } }).message.content,
      );
      const got = new Set(delivered);
      return (
        expected.every((content) => got.has(content)) &&
        delivered.filter((content) => content === '[echo] during the outage').length >= accepted
      );
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `the replies of ${expected.length} messages` },
  ).catch((error: unknown) => {
    const got = new Set(
      receiver.requests.map(
        (request) => (JSON.parse(request.body) as { message: { content: string } }).message.content,
      ),
    );
    const missing = expected.filter((content) => !got.has(content));
    throw new Error(`${String(error)}; missing: ${JSON.stringify(missing)}`);
  });
});
