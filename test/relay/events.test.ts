// Events beyond replies: subscriptions choose them; delivery.failed goes to the subscriptions
// that chose it, never to the failing target, and a failed event raises no further event.
import { expect, test } from '@jest/globals';
import { isRelayEvent } from '@fourthchat/shared';
import { waitForDeliveryOf } from '../support/deliveries.js';
import { eventsOfType, waitForEvents } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const relay = relayForThisFile({ settings: { retryScheduleMs: [100] } });
const receivers = receiverPool();

async function subscribe(connectionId: string, targetUrl: string, events?: string[]) {
  const created = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl, ...(events ? { events } : {}) },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, secret: created.body.secret as string };
}

test('delivery.failed reaches the subscriptions that chose it, signed, and neither the failing target nor one that did not', async () => {
  const webhook = await receivers.start(() => ({ status: 500 }));
  const watcher = await receivers.start();
  const replies = await receivers.start();
  const failingWatcher = await receivers.start(() => ({ status: 500 }));
  const { connectionId } = await createConnection(relay, webhook.url);
  const watching = await subscribe(connectionId, watcher.url, ['delivery.failed']);
  await subscribe(connectionId, replies.url); // the default: replies only
  const failing = await subscribe(connectionId, failingWatcher.url, [
    'ai.response',
    'delivery.failed',
  ]);

  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'nobody home' } });

  // Two reply deliveries give up (the webhook URL's and the failing subscription's).
  const events = await waitForEvents(watcher, 'delivery.failed', 2);
  for (const { request, event } of events) {
    expect(isRelayEvent(event)).toBe(true);
    expect(verifiesWith(request, watching.secret)).toBe(true);
    expect(request.headers['webhook-id']).toMatch(/^dlv_/);
  }
  const targets = events.map(({ event }) => event.data.target);
  expect(targets).toEqual(
    expect.arrayContaining([
      { kind: 'webhook', url: webhook.url },
      { kind: 'subscription', subscriptionId: failing.id, url: failingWatcher.url },
    ]),
  );
  const aboutWebhook = events.find(({ event }) => event.data.target.kind === 'webhook');
  expect(aboutWebhook?.event).toEqual({
    type: 'delivery.failed',
    id: expect.stringMatching(/^evt_/),
    connectionId,
    timestamp: expect.any(String),
    data: {
      target: { kind: 'webhook', url: webhook.url },
      deliveryId: expect.stringMatching(/^dlv_/),
      messageId: expect.any(String),
      attempts: 2,
      lastError: 'HTTP 500',
      lastAttemptAt: expect.any(String),
    },
  });
  // The event about the webhook URL went to the failing subscription too, and failed there:
  // that raises nothing. The one about the failing subscription never went to it.
  await waitForDeliveryOf(
    relay,
    connectionId,
    (d) => d.kind === 'event' && d.subscriptionId === failing.id && d.status === 'failed',
  );
  await relay.relay.services.health.flush();
  expect(eventsOfType(watcher, 'delivery.failed')).toHaveLength(2);
  const toFailing = eventsOfType(failingWatcher, 'delivery.failed').map(
    (r) => JSON.parse(r.body).data.target.kind,
  );
  expect(new Set(toFailing)).toEqual(new Set(['webhook']));
  // A default subscription still gets only the reply.
  expect(replies.requests.map((r) => r.headers['x-webhook-event'])).toEqual(['ai.response']);
  expect(watcher.requests.every((r) => r.headers['x-webhook-event'] === 'delivery.failed')).toBe(
    true,
  );
});

test('every delivery names its event: replies and tests are ai.response; event deliveries are in the log', async () => {
  const webhook = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);

  await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'hello' } });
  await waitFor(() => webhook.requests.length >= 2, { what: 'test and reply' });

  expect(webhook.requests.map((r) => r.headers['x-webhook-event'])).toEqual([
    'ai.response',
    'ai.response',
  ]);
  const reply = await waitForDeliveryOf(relay, connectionId, (d) => d.kind === 'reply');
  expect(reply.event).toBe('ai.response');
});

test('a test delivery that fails raises no delivery.failed', async () => {
  const webhook = await receivers.start(() => ({ status: 500 }));
  const watcher = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  await subscribe(connectionId, watcher.url, ['delivery.failed']);

  const tested = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });

  expect(tested.body.ok).toBe(false);
  await relay.relay.services.health.flush();
  expect(eventsOfType(watcher, 'delivery.failed')).toHaveLength(0);
});

test('events are chosen per subscription: PATCH replaces the list, an unknown type is a 400', async () => {
  const webhook = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const sub = await subscribe(connectionId, webhook.url.replace('/webhook', '/other'));

  const changed = await relay.api(`/api/subscriptions/${sub.id}`, {
    method: 'PATCH',
    body: { events: ['delivery.failed', 'target.paused', 'delivery.failed'] },
  });
  const unknown = await relay.api(`/api/subscriptions/${sub.id}`, {
    method: 'PATCH',
    body: { events: ['order.created'] },
  });
  const empty = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: webhook.url, events: [] },
  });

  expect(changed.body.events).toEqual(['delivery.failed', 'target.paused']);
  expect(unknown.status).toBe(400);
  expect(empty.status).toBe(400);
  const listed = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  expect(listed.body.data[0].events).toEqual(['delivery.failed', 'target.paused']);
});
