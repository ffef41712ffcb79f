// Receiver faults below the status line: a receiver that never answers, resets the
// connection, streams an endless body, trickles bytes, or whose name does not resolve.
// Each is a failed (or, for a 200 status, delivered) attempt recorded promptly, retried on
// the schedule, and never a hang or a crash. 3xx and 429/503 with Retry-After are covered
// by test/relay/retries.test.ts.
import { expect, jest, test } from '@jest/globals';
import type { Delivery } from '@fourthchat/shared';
import { listDeliveries, waitForDelivery, waitForDeliveryOf } from '../support/deliveries.js';
import { startHostileReceiver, type HostileMode } from '../support/hostile-receiver.js';
import { receiverPool } from '../support/receiver-pool.js';
import { startMongoTestRelay } from '../support/mongo-relay-harness.js';
import { relayFixture } from '../support/relay-fixture.js';
import { createConnection } from '../support/relay-harness.js';
import { scaled } from '../support/scale.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

jest.setTimeout(scaledMs(60_000));

/** Hit on purpose: by receivers that never answer or never finish, whatever the load. */
const TIMEOUT_MS = 500;
const ATTEMPTS = 4;
/** What an attempt may take beyond the delivery timeout. */
const SLACK_MS = scaledMs(1_500);

const relay = relayFixture(() =>
  startMongoTestRelay({
    settings: { deliveryTimeoutMs: TIMEOUT_MS, retryScheduleMs: [100, 100, 100] },
  }),
);
/** For receivers that answer: its delivery timeout must never be hit, however busy the machine. */
const patientRelay = relayFixture(() =>
  startMongoTestRelay({
    settings: { deliveryTimeoutMs: scaledMs(3_000), retryScheduleMs: [100, 100, 100] },
  }),
);
const receivers = receiverPool();

async function sendTo(webhookUrl: string, message = 'fault', via = relay): Promise<Delivery> {
  const { connectionId } = await createConnection(via, webhookUrl);
  const sent = await via.api('/api/webhooks/incoming', { body: { connectionId, message } });
  expect(sent.status).toBe(202);
  return waitForDeliveryOf(via, connectionId, (d) => d.kind === 'reply');
}

const settled = (delivery: Delivery) =>
  delivery.status === 'delivered' || delivery.status === 'failed';

async function withHostile<T>(mode: HostileMode, work: (url: string) => Promise<T>) {
  const receiver = await startHostileReceiver(mode);
  try {
    return { result: await work(receiver.url), receiver };
  } finally {
    await receiver.close();
  }
}

test('a receiver that never answers times out per attempt, is retried, then the delivery fails', async () => {
  const receiver = await receivers.start(() => null);
  const { id } = await sendTo(receiver.url);

  const failed = await waitForDelivery(relay, id, settled);

  expect(failed.status).toBe('failed');
  expect(failed.attempts).toHaveLength(ATTEMPTS);
  for (const attempt of failed.attempts) {
    expect(attempt).toEqual(
      expect.objectContaining({ status: null, error: `timed out after ${TIMEOUT_MS} ms` }),
    );
    expect(attempt.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(attempt.durationMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  }
  expect(receiver.requests).toHaveLength(ATTEMPTS);
});

test('a receiver that resets the connection is a failed attempt, retried, then failed', async () => {
  const { result: failed, receiver } = await withHostile('reset', async (url) => {
    const { id } = await sendTo(url);
    return waitForDelivery(relay, id, settled);
  });

  expect(failed.status).toBe('failed');
  expect(failed.attempts).toHaveLength(ATTEMPTS);
  expect(failed.attempts.map((a) => a.status)).toEqual(Array(ATTEMPTS).fill(null));
  expect(failed.attempts[0]?.error).toMatch(/ECONNRESET|socket hang up/);
  expect(receiver.requests).toBe(ATTEMPTS);
});

test('an endless response body: only the 1 KB snippet is read, memory stays flat', async () => {
  const count = scaled(20, 300);
  const heapBefore = process.memoryUsage().heapUsed;
  const { result: delivered, receiver } = await withHostile('endless-body', async (url) => {
    const first = await sendTo(url, 'endless 0', patientRelay);
    const { connectionId } = first;
    await Promise.all(
      Array.from({ length: count - 1 }, (_, i) =>
        patientRelay.api('/api/webhooks/incoming', {
          body: { connectionId, message: `endless ${i + 1}` },
        }),
      ),
    );
    return waitFor(
      async () => {
        const all = await listDeliveries(patientRelay, connectionId);
        return all.length === count && all.every(settled) && all;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `${count} settled deliveries` },
    );
  });
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

  // Delivered at the first attempt: the relay hung up after the snippet, since a body that
  // never ends could only have been cut off by the delivery timeout, as a failure.
  expect(delivered).toHaveLength(count);
  for (const delivery of delivered) {
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]?.responseSnippet?.length).toBe(1024);
  }
  // Read fully, each body would be whatever loopback moves in the timeout (hundreds of MB).
  expect(receiver.bytesSent / receiver.requests).toBeLessThan(8 * 1024 * 1024);
  expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
});

test('a slow trickle is cut off at the delivery timeout and recorded, never a hang', async () => {
  const { result: delivery } = await withHostile('trickle', async (url) => {
    const { id } = await sendTo(url);
    return waitForDelivery(relay, id, (d) => d.attempts.length > 0);
  });

  const first = delivery.attempts[0];
  expect(first?.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(first?.durationMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  expect(first?.responseSnippet ?? '').toMatch(/^\.*$/);
});

test('a name that does not resolve is a failed attempt, retried, then failed', async () => {
  const { id } = await sendTo('http://does-not-exist.invalid/hook');

  const failed = await waitForDelivery(relay, id, settled);

  expect(failed.status).toBe('failed');
  expect(failed.attempts).toHaveLength(ATTEMPTS);
  expect(failed.attempts[0]).toEqual(
    expect.objectContaining({ status: null, error: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) }),
  );
});
