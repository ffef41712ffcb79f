// Automatic pause (RELAY_DISABLE_AFTER as a count), what a paused target gets (nothing), and
// resuming by PATCH or by a successful Test: the webhook URL gets nothing but the target.resumed
// event (Recover sends what it parked); a subscription gets what it held.
import { expect, test } from '@jest/globals';
import type { Connection, TargetHealth } from '@fourthchat/shared';
import { waitForDeliveryOf } from '../support/deliveries.js';
import { eventsOfType, expectedEvent, waitForEvents } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import type { Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';
import { nothingPending } from '../support/store-reads.js';
import { waitFor } from '../support/wait.js';

const FAILURES = 3;
const relay = relayForThisFile({
  // No retries: each failed attempt is a failed delivery.
  settings: { retryScheduleMs: [], disableAfter: { failures: FAILURES, ms: null } },
});
const receivers = receiverPool();

/** A connection whose webhook answers `status`, and a subscription that chose the pause events. */
async function watchedConnection(status: () => number) {
  const webhook = await receivers.start(() => ({ status: status() }));
  const watcher = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const subscribed = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: watcher.url, events: ['target.paused', 'target.resumed'] },
  });
  expect(subscribed.status).toBe(201);
  return { webhook, watcher, connectionId, watcherSecret: subscribed.body.secret as string };
}

async function send(connectionId: string, message: string) {
  const sent = await relay.api('/api/webhooks/incoming', { body: { connectionId, message } });
  expect(sent.status).toBe(202);
  return sent.body.messageId as string;
}

async function webhookHealth(connectionId: string): Promise<TargetHealth> {
  const got = await relay.api(`/api/connections/${connectionId}`);
  return (got.body as Connection).health[0] as TargetHealth;
}

/** Sends replies until the webhook is paused, each after the previous one's delivery failed. */
async function failUntilPaused(connectionId: string, webhook: Receiver) {
  for (let i = 0; i < FAILURES; i++) {
    await send(connectionId, `failing ${i}`);
    await waitFor(() => webhook.requests.length > i, { what: `attempt ${i}` });
  }
  await waitFor(async () => (await webhookHealth(connectionId)).state === 'paused', {
    what: 'the pause',
  });
}

test('a webhook URL failing the configured count of deliveries is paused, and its subscription is told, signed', async () => {
  const { webhook, watcher, connectionId, watcherSecret } = await watchedConnection(() => 500);

  await failUntilPaused(connectionId, webhook);

  const [paused] = await waitForEvents(watcher, 'target.paused');
  expect(paused && verifiesWith(paused.request, watcherSecret)).toBe(true);
  expect(paused?.event).toEqual(
    expectedEvent('target.paused', connectionId, {
      target: { kind: 'webhook', url: webhook.url },
      reason: `${FAILURES} consecutive deliveries failed`,
      consecutiveFailures: FAILURES,
      failingSince: expect.any(String),
      lastError: 'HTTP 500',
    }),
  );
  const health = await webhookHealth(connectionId);
  expect(health).toEqual(
    expect.objectContaining({
      state: 'paused',
      consecutiveFailures: FAILURES,
      paused: { at: expect.any(String), reason: `${FAILURES} consecutive deliveries failed` },
    }),
  );
  // The subscription did not choose replies: it got only the event.
  expect(watcher.requests).toHaveLength(1);
});

test('a paused target gets no attempts: its deliveries are recorded paused', async () => {
  const { webhook, connectionId } = await watchedConnection(() => 500);
  await failUntilPaused(connectionId, webhook);
  const attemptsBefore = webhook.requests.length;

  await send(connectionId, 'while paused');

  const delivery = await waitForDeliveryOf(
    relay,
    connectionId,
    (d) => d.kind === 'reply' && d.status === 'paused' && d.attempts.length === 0,
  );
  expect(delivery.nextAttemptAt).toBeUndefined();
  const listed = await relay.api(`/api/connections/${connectionId}/deliveries?status=paused`);
  expect(listed.body.data).toHaveLength(1);
  // Settled: the message is finished although nothing was sent.
  await waitFor(() => nothingPending(relay.store), { what: 'the message finished' });
  expect(webhook.requests).toHaveLength(attemptsBefore);
});

test('PATCH {paused: false} resumes: nothing is sent but target.resumed, and the count starts again', async () => {
  const { webhook, watcher, connectionId } = await watchedConnection(() => 500);
  await failUntilPaused(connectionId, webhook);
  await send(connectionId, 'parked');
  await waitForDeliveryOf(relay, connectionId, (d) => d.status === 'paused');
  const attemptsBefore = webhook.requests.length;

  const resumed = await relay.api(`/api/connections/${connectionId}`, {
    method: 'PATCH',
    body: { paused: false },
  });

  expect(resumed.status).toBe(200);
  expect(resumed.body.health[0]).toEqual(
    expect.objectContaining({ state: 'failing', consecutiveFailures: 0 }),
  );
  expect(resumed.body.health[0].paused).toBeUndefined();
  const [event] = await waitForEvents(watcher, 'target.resumed');
  expect(event?.event.data).toEqual({ target: { kind: 'webhook', url: webhook.url }, by: 'api' });
  // Resuming twice is no change and no second event.
  await relay.api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { paused: false } });
  await relay.relay.services.health.flush();
  expect(eventsOfType(watcher, 'target.resumed')).toHaveLength(1);
  expect(webhook.requests).toHaveLength(attemptsBefore);
});

test('a paused webhook URL is resumed by a successful Test, by "test"', async () => {
  let status = 200;
  const { webhook, watcher, connectionId } = await watchedConnection(() => status);
  const paused = await relay.api(`/api/connections/${connectionId}`, {
    method: 'PATCH',
    body: { paused: true },
  });
  expect(paused.body.health[0].paused.reason).toBe('paused by hand');
  await waitForEvents(watcher, 'target.paused');

  status = 503;
  const failedTest = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });
  expect(failedTest.body.ok).toBe(false);
  expect((await webhookHealth(connectionId)).state).toBe('paused');

  status = 200;
  const test = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });

  expect(test.body.ok).toBe(true);
  expect((await webhookHealth(connectionId)).state).not.toBe('paused');
  const [event] = await waitForEvents(watcher, 'target.resumed');
  expect(event?.event.data).toEqual({ target: { kind: 'webhook', url: webhook.url }, by: 'test' });
  expect(webhook.requests).toHaveLength(2); // the two tests, nothing else
});

test('a subscription is paused and resumed by PATCH /api/subscriptions/:id, then gets what it held; the others hear of it', async () => {
  const { watcher, connectionId } = await watchedConnection(() => 200);
  const other = await receivers.start();
  const sub = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: other.url, events: ['ai.response', 'target.paused'] },
  });

  const paused = await relay.api(`/api/subscriptions/${sub.body.id}`, {
    method: 'PATCH',
    body: { paused: true, events: ['ai.response'] },
  });

  expect(paused.status).toBe(200);
  expect(paused.body).toEqual(
    expect.objectContaining({
      events: ['ai.response'],
      health: expect.objectContaining({ state: 'paused' }),
    }),
  );
  const [event] = await waitForEvents(watcher, 'target.paused');
  expect(event?.event.data.target).toEqual({
    kind: 'subscription',
    subscriptionId: sub.body.id,
    url: other.url,
  });
  await send(connectionId, 'not for the paused one');
  await waitForDeliveryOf(
    relay,
    connectionId,
    (d) => d.subscriptionId === sub.body.id && d.status === 'paused',
  );
  expect(other.requests).toHaveLength(0);

  await relay.api(`/api/subscriptions/${sub.body.id}`, {
    method: 'PATCH',
    body: { paused: false },
  });
  await waitForEvents(watcher, 'target.resumed');
  // A subscription holds what it was sent while paused: resumed, it gets it (once).
  await waitForDeliveryOf(
    relay,
    connectionId,
    (d) => d.subscriptionId === sub.body.id && d.status === 'delivered',
  );
  expect(other.requests).toHaveLength(1);
  expect(other.requests[0]?.body).toContain('not for the paused one');
});
