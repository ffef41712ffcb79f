// Removals by the relay are never silent: an expiration_date passed (ttlSeconds, renewed by
// subscribing again), paused longer than RELAY_SUBSCRIPTION_EXPIRY, or a 410 from the target.
// Each one: a subscription.removed event to the others that chose it, a warn log line, and the
// removal listed beside the subscriptions. The clock is injected; the hourly job is called.
import { expect, test } from '@jest/globals';
import type { RemovedSubscription, Subscription } from '@fourthchat/shared';
import { expireSubscriptions } from '../../relay/src/subscriptions/subscription-expiry.js';
import { capturedLog } from '../support/captured-log.js';
import { listDeliveries } from '../support/deliveries.js';
import { eventsOfType, expectedEvent, waitForEvents } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import type { Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const log = capturedLog('warn');
const relay = relayForThisFile({
  deps: { clock, logger: log.logger },
  settings: { retryScheduleMs: [], subscriptionExpiryMs: 30 * DAY_MS },
});
const receivers = receiverPool();

const expire = () =>
  expireSubscriptions({ ...relay.relay.services.deps, events: relay.relay.services.relayEvents });

/** A connection, a subscription that hears of removals, and a hook subscribed with `extra`. */
async function watched(extra: Record<string, unknown> = {}, respond = () => ({ status: 200 })) {
  const webhook = await receivers.start();
  const watcher = await receivers.start();
  const hook = await receivers.start(respond);
  const { connectionId } = await createConnection(relay, webhook.url);
  const watching = await subscribe(connectionId, {
    targetUrl: watcher.url,
    events: ['subscription.removed'],
  });
  const subscribed = await subscribe(connectionId, { targetUrl: hook.url, ...extra });
  expect(subscribed.status).toBe(201);
  return {
    connectionId,
    watcher,
    watcherSecret: watching.body.secret as string,
    hook,
    sub: subscribed.body as Subscription,
  };
}

const subscribe = (connectionId: string, body: Record<string, unknown>) =>
  relay.api(`/api/connections/${connectionId}/subscriptions`, { body });

async function listed(connectionId: string) {
  const answer = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  return answer.body as { data: Subscription[]; removed: RemovedSubscription[] };
}

async function replyTo(connectionId: string, message: string) {
  const sent = await relay.api('/api/webhooks/incoming?wait=true', {
    body: { connectionId, message },
  });
  expect(sent.status).toBe(200);
}

/** Told all three ways: the event (answered, to check more), a warn line, the removed list. */
async function expectRemovalTold(
  setup: { connectionId: string; watcher: Receiver; sub: Subscription },
  reason: string,
  heldDeliveries: number,
) {
  const { connectionId, watcher, sub } = setup;
  const [removed] = await waitForEvents(watcher, 'subscription.removed');
  expect(removed?.event).toEqual(
    expectedEvent('subscription.removed', connectionId, {
      subscription: { id: sub.id, targetUrl: sub.targetUrl },
      reason,
      heldDeliveries,
    }),
  );
  expect(log.find('subscription removed')).toContainEqual(
    expect.objectContaining({ level: 40, subscriptionId: sub.id, reason, heldDeliveries }),
  );
  const after = await listed(connectionId);
  expect(after.data.map((s) => s.id)).not.toContain(sub.id);
  expect(after.removed).toEqual([
    {
      id: sub.id,
      connectionId,
      targetUrl: sub.targetUrl,
      reason,
      heldDeliveries,
      removedAt: expect.any(String),
    },
  ]);
  return removed;
}

test('ttlSeconds sets expiration_date; once passed the subscription takes nothing and is removed, told', async () => {
  const setup = await watched({ ttlSeconds: 3600 });
  const { connectionId, watcher, watcherSecret, sub } = setup;
  const expiresAt = Date.parse(sub.expiration_date ?? '');
  expect(Math.abs(expiresAt - (clock.now().getTime() + HOUR_MS))).toBeLessThan(5_000);
  offsetMs += 2 * HOUR_MS;
  await replyTo(connectionId, 'after the expiry');
  const deliveries = await waitFor(
    async () => {
      const found = await listDeliveries(relay, connectionId);
      return found.some((d) => d.kind === 'reply') ? found : undefined;
    },
    { what: 'the reply delivered' },
  );
  expect(deliveries.filter((d) => d.subscriptionId === sub.id)).toEqual([]);

  expect(await expire()).toEqual({ subscriptions: 1 });

  const removed = await expectRemovalTold(setup, 'expired', 0);
  expect(removed && verifiesWith(removed.request, watcherSecret, clock.now())).toBe(true);
  expect(await expire()).toEqual({ subscriptions: 0 });
  expect(eventsOfType(watcher, 'subscription.removed')).toHaveLength(1);
});

test('subscribing again renews the expiry from now; without ttlSeconds it never expires', async () => {
  const { connectionId, hook, sub } = await watched({ ttlSeconds: 3600 });
  offsetMs += 50 * 60_000;

  const renewed = await subscribe(connectionId, { targetUrl: hook.url, ttlSeconds: 3600 });

  expect(renewed.status).toBe(200);
  expect(Date.parse(renewed.body.expiration_date)).toBeGreaterThan(
    Date.parse(sub.expiration_date ?? ''),
  );
  offsetMs += 30 * 60_000;
  await expire();
  expect((await listed(connectionId)).data.map((s) => s.id)).toContain(sub.id);

  const forever = await subscribe(connectionId, { targetUrl: hook.url });
  expect(forever.body.expiration_date).toBeUndefined();
  offsetMs += 400 * DAY_MS;
  await expire();
  expect((await listed(connectionId)).data.map((s) => s.id)).toContain(sub.id);
});

test('a subscription paused longer than RELAY_SUBSCRIPTION_EXPIRY is removed with what it held, told', async () => {
  const setup = await watched();
  const { connectionId, sub } = setup;
  await relay.api(`/api/subscriptions/${sub.id}`, { method: 'DELETE' });
  await replyTo(connectionId, 'held 1');
  await replyTo(connectionId, 'held 2');
  offsetMs += 31 * DAY_MS;

  expect(await expire()).toEqual({ subscriptions: 1 });

  await expectRemovalTold(setup, 'paused_too_long', 2);
});

test('a target answering 410 Gone is removed at once, and the others are told', async () => {
  const setup = await watched({}, () => ({ status: 410 }));
  const { connectionId, hook } = setup;

  await replyTo(connectionId, 'are you there?');

  await expectRemovalTold(setup, 'gone', 0);
  await replyTo(connectionId, 'gone for good');
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).filter((d) => d.kind === 'reply').length >= 3,
    { what: 'the second reply delivered' },
  );
  expect(hook.requests).toHaveLength(1);
});
