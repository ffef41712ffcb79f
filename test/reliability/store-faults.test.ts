// Disk faults under the relay's own embedded store (no MONGODB_URL), injected by failing the
// store file's syscalls from outside (test/support/store-faults.ts). A failed fsync or a failed
// write ends the store; the relay restarts it once and goes on, answering 503 with Retry-After
// meanwhile. A disk that stays full fails the restarted store too, and the relay exits non-zero.
// In every case each message that got a 202 gets its reply: acknowledged means synced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, jest, test } from '@jest/globals';
import { apiClient } from '../support/api-client.js';
import { startLoad, type Load } from '../support/load.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { storeFaults, type StoreFault, type StoreFaults } from '../support/store-faults.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(180_000));

/** The longest an answer may take while the store is down or restarting. */
const PROMPT_MS = scaledMs(4_000);

let dataDir: string;
let faults: StoreFaults;
let receiver: Receiver;
let relays: RelayProcess[];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-store-faults-data-'));
  faults = storeFaults();
  receiver = await startReceiver();
  relays = [];
});
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.stop('SIGKILL')));
  await receiver.close();
  faults.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function relayOnOwnStore(withFaults: boolean, apiKey?: string): Promise<RelayProcess> {
  const relay = await startRelayProcess({
    embeddedStoreDataDir: dataDir,
    ...(apiKey ? { apiKey } : {}),
    env: { RELAY_DELIVERY_TIMEOUT_MS: String(scaledMs(1_000)), ...(withFaults ? faults.env : {}) },
  });
  relays.push(relay);
  return relay;
}

interface Probe {
  status: number | 'network';
  retryAfter: string | null;
  ms: number;
}

/** Sends a message every 100 ms until `done`, recording each answer. */
async function probeUntil(relay: RelayProcess, connectionId: string, done: () => boolean) {
  const api = apiClient(relay.baseUrl, relay.apiKey);
  const probes: Probe[] = [];
  await waitFor(
    async () => {
      const started = Date.now();
      const answer = await api('/api/webhooks/incoming', {
        body: { connectionId, message: 'during the fault' },
      }).catch(() => undefined);
      probes.push({
        status: answer?.status ?? 'network',
        retryAfter: answer?.headers.get('retry-after') ?? null,
        ms: Date.now() - started,
      });
      return done();
    },
    { timeoutMs: 90_000, intervalMs: 100, what: 'the fault to play out' },
  );
  return probes;
}

/** Every accepted message's reply (the echo responder's) reached the receiver. */
async function everyAcceptedReplyDelivered(load: Load, probes: Probe[]) {
  const expected = [...load.accepted.keys()].map((message) => `[echo] ${message}`);
  const acceptedProbes = probes.filter((probe) => probe.status === 202).length;
  const delivered = () =>
    receiver.requests.map(
      (request) => (JSON.parse(request.body) as { message: { content: string } }).message.content,
    );
  await waitFor(
    () => {
      const got = new Set(delivered());
      return (
        expected.every((content) => got.has(content)) &&
        delivered().filter((content) => content === '[echo] during the fault').length >=
          acceptedProbes
      );
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `the replies of ${expected.length} messages` },
  ).catch((error: unknown) => {
    const got = new Set(delivered());
    throw new Error(
      `${String(error)}; missing: ${JSON.stringify(expected.filter((c) => !got.has(c)))}`,
    );
  });
}

function expectOnly503WithRetryAfter(probes: Probe[]) {
  const refused = probes.filter((probe) => probe.status !== 202);
  expect(refused.filter((probe) => probe.status !== 503)).toEqual([]);
  expect(refused.filter((probe) => probe.retryAfter === null)).toEqual([]);
  expect(Math.max(...probes.map((probe) => probe.ms))).toBeLessThan(PROMPT_MS);
}

test.each<[StoreFault, string]>([
  ['fsync-fails-once', 'a failed fsync'],
  ['write-fails-once', 'a failed disk write (the store panics)'],
])('%s: %s ends the store, the relay restarts it once and loses nothing', async (fault) => {
  const relay = await relayOnOwnStore(true);
  const api = apiClient(relay.baseUrl, relay.apiKey);
  const { connectionId } = await createConnection({ api }, receiver.url);
  const load = startLoad({ api: () => api, connectionId, prefix: fault });
  await waitFor(() => load.accepted.size >= 10, { what: 'load before the fault' });

  faults.set(fault);
  const restarted = () => relay.output().includes('the embedded store restarted');
  const probes = await probeUntil(relay, connectionId, () => !faults.pending(fault) && restarted());
  await waitFor(async () => (await fetch(`${relay.baseUrl}/readyz`)).ok, {
    timeoutMs: 60_000,
    what: '/readyz after the restart',
  });
  const before = load.accepted.size;
  await waitFor(() => load.accepted.size >= before + 10, { what: 'messages accepted again' });
  await load.stop();

  expect(relay.output()).toContain('embedded-store: FATAL');
  expect(relay.output()).toContain('restarting it once');
  expect(relay.child.exitCode).toBeNull();
  expectOnly503WithRetryAfter(probes);
  expect([...load.refused.keys()].filter((status) => status !== '503')).toEqual([]);
  await everyAcceptedReplyDelivered(load, probes);
});

test('a disk that stays full fails the restarted store too: the relay exits 1, and a new relay delivers every accepted message', async () => {
  const relay = await relayOnOwnStore(true);
  const api = apiClient(relay.baseUrl, relay.apiKey);
  const { connectionId } = await createConnection({ api }, receiver.url);
  const load = startLoad({ api: () => api, connectionId, prefix: 'full' });
  await waitFor(() => load.accepted.size >= 10, { what: 'load before the fault' });

  faults.set('disk-full');
  const probes = await probeUntil(relay, connectionId, () => relay.child.exitCode !== null);
  await load.stop();
  expect(relay.child.exitCode).toBe(1);
  expect(relay.output()).toMatch(/the embedded store (failed again|could not restart)/);
  expectOnly503WithRetryAfter(probes.filter((probe) => probe.status !== 'network'));

  faults.clear('disk-full');
  const next = await relayOnOwnStore(false, relay.apiKey);
  expect(next.output()).toContain('all agree');
  await everyAcceptedReplyDelivered(load, probes);
});
