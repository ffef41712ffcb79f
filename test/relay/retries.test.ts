// Delivery retries on a short schedule: every attempt recorded, spacing, Retry-After,
// redirects, 410; and the spec's default schedule.
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_RETRY_SCHEDULE_MS, type Delivery } from '@fourthchat/shared';
import { ConfigError, loadConfig } from '../../relay/src/config/config.js';
import { waitForDelivery, waitForDeliveryOf } from '../support/deliveries.js';
import type { Responder } from '../support/receiver.js';
import { receiverPool } from '../support/receiver-pool.js';
import {
  createConnection,
  startTestRelay,
  type MemoryTestRelay,
  type TestRelay,
} from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

const SCHEDULE = [200, 400, 600];

const relay = relayForThisFile({
  settings: { retryScheduleMs: SCHEDULE, recoveryIntervalMs: 200 },
});
const receivers = receiverPool();

const receiverAnswering = (responder: Responder) => receivers.start(responder);

/** Sends one message to a new connection on `webhookUrl`; resolves with its reply's delivery. */
async function deliveryTo(target: TestRelay, webhookUrl: string): Promise<Delivery> {
  const { connectionId } = await createConnection(target, webhookUrl);
  const sent = await target.api('/api/webhooks/incoming', {
    body: { connectionId, message: 'retry me' },
  });
  expect(sent.status).toBe(202);
  return waitForDeliveryOf(target, connectionId, (d) => d.kind === 'reply');
}

/** The jobs of a delivery's attempts still to run. */
const jobsOf = (of: MemoryTestRelay, deliveryId: string) =>
  of.jobs.pending().filter((job) => job.deliveryId === deliveryId);

const failing = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: 'nope',
});

test('a receiver failing twice then succeeding gets 3 attempts, all recorded, each a job', async () => {
  const receiver = await receiverAnswering((_request, index) =>
    index < 2 ? failing(500) : { status: 200, body: 'ok' },
  );
  const { id } = await deliveryTo(relay, receiver.url);

  const delivered = await waitForDelivery(relay, id, (d) => d.status === 'delivered');

  expect(delivered.attempts).toEqual([
    expect.objectContaining({ status: 500, error: 'HTTP 500', responseSnippet: 'nope' }),
    expect.objectContaining({ status: 500, error: 'HTTP 500' }),
    expect.objectContaining({ status: 200, responseSnippet: 'ok' }),
  ]);
  expect(delivered.attempts[2]).not.toHaveProperty('error');
  expect(receiver.requests).toHaveLength(3);
  expect(new Set(receiver.requests.map((r) => r.headers['x-webhook-id']))).toEqual(new Set([id]));
  expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
  // Each retry was a job, gone once it ran (Agenda's: integration/agenda-retries.test.ts).
  await waitFor(() => jobsOf(relay, id).length === 0, { what: 'the retry jobs done' });
});

test('a receiver that always fails gets exactly 4 attempts spaced by the schedule, then the delivery is failed', async () => {
  const receiver = await receiverAnswering(() => failing(503));
  const { id } = await deliveryTo(relay, receiver.url);

  const failed = await waitForDelivery(relay, id, (d) => d.status === 'failed');

  expect(failed.attempts).toHaveLength(4);
  expect(failed.attempts.every((attempt) => attempt.status === 503)).toBe(true);
  expect(failed).not.toHaveProperty('nextAttemptAt');
  expect(receiver.requests).toHaveLength(4);
  const gaps = receiver.requests.slice(1).map((r, i) => r.at - (receiver.requests[i]?.at ?? 0));
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(SCHEDULE[i] ?? Infinity));
  // The last attempt's job ends just after its record; no further one comes.
  await waitFor(() => jobsOf(relay, id).length === 0, { what: 'no job left' });
});

test('a 3xx is a failed attempt and the redirect is not followed', async () => {
  const elsewhere = await receiverAnswering(() => ({ status: 200 }));
  const receiver = await receiverAnswering(() => ({
    status: 302,
    headers: { location: elsewhere.url },
  }));
  const { id } = await deliveryTo(relay, receiver.url);

  const tried = await waitForDelivery(relay, id, (d) => d.attempts.length === 1);

  expect(tried.status).toBe('retrying');
  expect(tried.attempts[0]).toEqual(
    expect.objectContaining({ status: 302, error: expect.stringMatching(/redirect/) }),
  );
  expect(elsewhere.requests).toEqual([]);
});

test('a receiver that does not answer within the delivery timeout is a failed attempt, retried', async () => {
  // Hit by the first attempt, which is never answered; the retry's answer must beat it easily.
  const timeoutMs = scaledMs(1_000);
  const quick = await startTestRelay({
    settings: { deliveryTimeoutMs: timeoutMs, retryScheduleMs: SCHEDULE, recoveryIntervalMs: 200 },
  });
  try {
    const receiver = await receiverAnswering((_request, index) =>
      index === 0 ? null : { status: 200 },
    );
    const { id } = await deliveryTo(quick, receiver.url);

    const delivered = await waitForDelivery(quick, id, (d) => d.status === 'delivered');

    expect(delivered.attempts[0]).toEqual(
      expect.objectContaining({ status: null, error: `timed out after ${timeoutMs} ms` }),
    );
    expect(delivered.attempts[0]?.durationMs).toBeGreaterThanOrEqual(timeoutMs);
    expect(loadConfig({}).deliveryTimeoutMs).toBe(10_000);
  } finally {
    await quick.close();
  }
});

describe('Retry-After', () => {
  test('on a 429 holds the retry back beyond the schedule', async () => {
    const receiver = await receiverAnswering((_request, index) =>
      index === 0 ? failing(429, { 'retry-after': '1' }) : { status: 200 },
    );
    const { id } = await deliveryTo(relay, receiver.url);

    const delivered = await waitForDelivery(relay, id, (d) => d.status === 'delivered');

    expect(delivered.attempts.map((a) => a.status)).toEqual([429, 200]);
    const [first, second] = receiver.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  test.each([
    { status: 503, retryAfter: '7', delayMs: 7_000 },
    { status: 429, retryAfter: '86400', delayMs: 3_600_000 },
    { status: 500, retryAfter: '7', delayMs: SCHEDULE[0] },
  ])(
    'a $status with Retry-After $retryAfter schedules the retry $delayMs ms later (bounded to 1 h, 429/503 only)',
    async ({ status, retryAfter, delayMs }) => {
      const receiver = await receiverAnswering(() =>
        failing(status, { 'retry-after': retryAfter }),
      );
      const { id } = await deliveryTo(relay, receiver.url);

      const retrying = await waitForDelivery(relay, id, (d) => d.attempts.length === 1);

      expect(retrying.status).toBe('retrying');
      const attemptAt = Date.parse(retrying.attempts[0]?.at ?? '');
      expect(Date.parse(retrying.nextAttemptAt ?? '') - attemptAt).toBe(delayMs);
    },
  );
});

describe('410 Gone', () => {
  test('from a subscription target removes the subscription, without retries', async () => {
    const webhook = await receiverAnswering(() => ({ status: 200 }));
    const gone = await receiverAnswering(() => failing(410));
    const { connectionId } = await createConnection(relay, webhook.url);
    const subscribed = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
      body: { targetUrl: gone.url },
    });
    expect(subscribed.status).toBe(201);

    await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'anyone?' } });
    const toSubscription = await waitForDeliveryOf(
      relay,
      connectionId,
      (d) => d.subscriptionId === subscribed.body.id && d.status === 'failed',
    );

    expect(toSubscription.attempts).toEqual([expect.objectContaining({ status: 410 })]);
    expect(gone.requests).toHaveLength(1);
    const left = await relay.api(`/api/connections/${connectionId}/subscriptions`);
    expect(left.body.data).toEqual([]);
  });

  test("from the connection's own webhook URL fails the delivery and keeps the connection", async () => {
    const gone = await receiverAnswering(() => failing(410));
    const { connectionId, id } = await deliveryTo(relay, gone.url);

    const failed = await waitForDelivery(relay, id, (d) => d.status === 'failed');

    expect(failed.attempts).toHaveLength(1);
    expect((await relay.api(`/api/connections/${connectionId}`)).status).toBe(200);
  });
});

describe('the default schedule', () => {
  test('is exactly 30 s, 2 min, 10 min in the configuration, the contract and the harness', async () => {
    expect(loadConfig({}).retryScheduleMs).toEqual([30_000, 120_000, 600_000]);
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([30_000, 120_000, 600_000]);
    const defaults = await startTestRelay();
    try {
      expect(defaults.relay.services.deps.settings.retryScheduleMs).toEqual([
        30_000, 120_000, 600_000,
      ]);
      const receiver = await receiverAnswering(() => failing(500));
      const { id } = await deliveryTo(defaults, receiver.url);
      const retrying = await waitForDelivery(defaults, id, (d) => d.attempts.length === 1);
      const attemptAt = Date.parse(retrying.attempts[0]?.at ?? '');
      expect(Date.parse(retrying.nextAttemptAt ?? '') - attemptAt).toBe(30_000);
    } finally {
      await defaults.close();
    }
  });

  test('RELAY_RETRY_SCHEDULE is read in the 30s,2m,10m form', () => {
    expect(loadConfig({ RELAY_RETRY_SCHEDULE: '1s, 250ms,2m' }).retryScheduleMs).toEqual([
      1_000, 250, 120_000,
    ]);
  });

  test.each(['30s,soon', '30', '-1s', 'ten minutes'])(
    'RELAY_RETRY_SCHEDULE=%p stops the start with an error naming the variable',
    (value) => {
      expect(() => loadConfig({ RELAY_RETRY_SCHEDULE: value })).toThrow(ConfigError);
      expect(() => loadConfig({ RELAY_RETRY_SCHEDULE: value })).toThrow(/RELAY_RETRY_SCHEDULE/);
    },
  );
});
