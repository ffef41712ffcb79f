// Pause by span (RELAY_DISABLE_AFTER as a duration, on a fake clock), and the removal of
// subscriptions paused longer than RELAY_SUBSCRIPTION_EXPIRY: never a connection's webhook URL.
import { expect, test } from '@jest/globals';
import type { Connection } from '@fourthchat/shared';
import { expireSubscriptions } from '../../relay/src/subscriptions/subscription-expiry.js';
import { listDeliveries } from '../support/deliveries.js';
import { waitForEvents } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const relay = relayForThisFile({
  deps: { clock },
  settings: {
    retryScheduleMs: [],
    disableAfter: { failures: null, ms: 2 * HOUR_MS },
    subscriptionExpiryMs: 30 * DAY_MS,
  },
});
const receivers = receiverPool();

async function failOnce(connectionId: string, attempts: number) {
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'anyone?' } });
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).filter((d) => d.status === 'failed').length >=
      attempts,
    { what: `failed delivery ${attempts}` },
  );
  await relay.relay.services.health.flush();
}

const connectionOf = async (id: string) =>
  (await relay.api(`/api/connections/${id}`)).body as Connection;

test('a target whose deliveries all failed for the configured span is paused, and told signed', async () => {
  const webhook = await receivers.start(() => ({ status: 502 }));
  const watcher = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const sub = await relay.api(`/api/connections/${connectionId}/subscriptions`, {
    body: { targetUrl: watcher.url, events: ['target.paused'] },
  });

  await failOnce(connectionId, 1);
  expect((await connectionOf(connectionId)).health[0]?.state).toBe('failing');
  offsetMs += 3 * HOUR_MS;
  await failOnce(connectionId, 2);

  const [paused] = await waitForEvents(watcher, 'target.paused');
  expect(paused && verifiesWith(paused.request, sub.body.secret as string, clock.now())).toBe(true);
  expect(paused?.event.data).toEqual(
    expect.objectContaining({
      reason: 'every delivery failed for 3 hours',
      consecutiveFailures: 2,
      lastError: 'HTTP 502',
    }),
  );
  expect((await connectionOf(connectionId)).health[0]?.state).toBe('paused');
});

test('a subscription paused longer than the expiry is removed; the webhook URL and newer pauses stay', async () => {
  const webhook = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const subscribe = async (path: string) =>
    (
      await relay.api(`/api/connections/${connectionId}/subscriptions`, {
        body: { targetUrl: webhook.url.replace('/webhook', path) },
      })
    ).body.id as string;
  const [old, recent, active] = [
    await subscribe('/old'),
    await subscribe('/recent'),
    await subscribe('/active'),
  ];
  const pause = (path: string) => relay.api(path, { method: 'PATCH', body: { paused: true } });
  await pause(`/api/subscriptions/${old}`);
  await pause(`/api/connections/${connectionId}`);
  offsetMs += 20 * DAY_MS;
  await pause(`/api/subscriptions/${recent}`);
  offsetMs += 11 * DAY_MS;

  const removed = await expireSubscriptions({
    ...relay.relay.services.deps,
    events: relay.relay.services.relayEvents,
  });

  expect(removed).toEqual({ subscriptions: 1 });
  const left = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  expect(left.body.data.map((s: { id: string }) => s.id)).toEqual([recent, active]);
  const connection = await connectionOf(connectionId);
  expect(connection.health[0]?.state).toBe('paused');
  expect(connection.health.map((h) => h.target.subscriptionId)).toEqual([
    undefined,
    recent,
    active,
  ]);
});
