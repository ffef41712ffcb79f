// The command removing a subscription, on the memory store with the real relay events: its
// owner's removal (DELETE ?remove=true) tells nothing; one the relay makes (expiry, paused too
// long, 410) is recorded, logged and sent as subscription.removed to the others that chose it.
import { expect, test } from '@jest/globals';
import { RelayEvents } from '../../../relay/src/events/relay-events.js';
import { createIdGenerator } from '../../../relay/src/ids/generated-ids.js';
import type { Subscription } from '../../../relay/src/model/subscription.js';
import { createMetrics } from '../../../relay/src/observability/metrics.js';
import { createMemoryStore } from '../../../relay/src/store/memory/memory-store.js';
import {
  removeIfGone,
  removeSubscription,
} from '../../../relay/src/subscriptions/remove-subscription.js';
import { capturedLog } from '../../support/captured-log.js';
import { pendingDelivery } from '../../support/delivery-doc.js';
import { testSettings } from '../../support/test-settings.js';
import { waitFor } from '../../support/wait.js';
import { connection, subscription, T0 } from '../../store/repositories/fixtures.js';

/** A connection with a subscription to remove and a watcher that chose subscription.removed. */
async function setUp() {
  const store = createMemoryStore();
  const log = capturedLog('warn');
  const kicked: string[] = [];
  const deps = {
    store,
    clock: { now: () => T0 },
    ids: createIdGenerator(),
    logger: log.logger,
    metrics: createMetrics(),
    // Not called: no subscription here is a Zapier hook (zap-off.test.ts has those).
    send: () => Promise.reject(new Error('nothing is sent by the removal itself')),
    settings: testSettings(),
  };
  const events = new RelayEvents(deps, { schedule: () => Promise.resolve() }, (id) => {
    kicked.push(id);
  });
  const owned = connection({ workspaceId: 'ws_a' });
  await store.connections.insert(owned);
  const on = { workspaceId: 'ws_a', connectionId: owned.id };
  const doomed = subscription({ ...on, events: ['ai.response'] });
  const watcher = subscription({ ...on, events: ['subscription.removed'] });
  await store.subscriptions.subscribe(doomed);
  await store.subscriptions.subscribe(watcher);
  await store.deliveries.createMany([
    {
      ...pendingDelivery('dlv_held', { ...on, targetUrl: doomed.targetUrl }),
      status: 'paused',
      subscriptionId: doomed.id,
    },
  ]);
  await store.targetHealth.apply([
    {
      key: doomed.id,
      connectionId: owned.id,
      subscriptionId: doomed.id,
      hours: [],
      failures: 1,
      success: null,
      firstFailureAt: T0,
      lastError: null,
    },
  ]);
  return { store, log, kicked, deps: { ...deps, events }, owned, doomed, watcher };
}

const eventsOf = async (store: ReturnType<typeof createMemoryStore>, connectionId: string) =>
  (await store.deliveries.list({ connectionId, limit: 50 })).filter((d) => d.kind === 'event');

test('its owner removes it: gone with its figures, nothing recorded, logged or sent', async () => {
  const { store, log, deps, owned, doomed } = await setUp();

  expect(await removeSubscription(deps, { subscription: doomed, remover: { by: 'owner' } })).toBe(
    true,
  );

  expect(await store.subscriptions.get(doomed.id)).toBeUndefined();
  expect(await store.targetHealth.forKeys([doomed.id])).toEqual([]);
  expect(await store.removedSubscriptions.forConnection(owned.id)).toEqual([]);
  expect(await eventsOf(store, owned.id)).toEqual([]);
  expect(log.find('subscription removed')).toEqual([]);
});

test('the relay removes it: recorded with what it held, logged, told to the watcher only', async () => {
  const { store, log, kicked, deps, owned, doomed, watcher } = await setUp();
  const remover = { by: 'relay', reason: 'expired' } as const;

  expect(await removeSubscription(deps, { subscription: doomed, remover })).toBe(true);

  expect(await store.subscriptions.get(doomed.id)).toBeUndefined();
  expect(await store.targetHealth.forKeys([doomed.id])).toEqual([]);
  expect(await store.removedSubscriptions.forConnection(owned.id)).toEqual([
    expect.objectContaining({ id: doomed.id, reason: 'expired', heldDeliveries: 1, removedAt: T0 }),
  ]);
  expect(log.find('subscription removed')).toEqual([
    expect.objectContaining({ subscriptionId: doomed.id, reason: 'expired', heldDeliveries: 1 }),
  ]);
  const told = await eventsOf(store, owned.id);
  expect(told.map((d) => [d.subscriptionId, d.event])).toEqual([
    [watcher.id, 'subscription.removed'],
  ]);
  expect(JSON.parse(told[0]?.body ?? '{}')).toMatchObject({
    data: { subscription: { id: doomed.id }, reason: 'expired', heldDeliveries: 1 },
  });
  expect(kicked).toEqual(told.map((d) => d.id));
});

test('removed already (another relay at the same moment): false, nothing told twice', async () => {
  const { store, log, deps, owned, doomed } = await setUp();
  const remover = { by: 'relay', reason: 'paused_too_long' } as const;

  const both = await Promise.all([
    removeSubscription(deps, { subscription: doomed, remover }),
    removeSubscription(deps, { subscription: doomed, remover }),
  ]);

  expect(both.sort()).toEqual([false, true]);
  expect(await store.removedSubscriptions.forConnection(owned.id)).toHaveLength(1);
  expect(log.find('subscription removed')).toHaveLength(1);
  expect(await eventsOf(store, owned.id)).toHaveLength(1);
});

test('on an attempt recorded, only a subscription’s 410 removes it', async () => {
  const { store, deps, owned, doomed, watcher } = await setUp();
  const attempt = { at: T0.toISOString(), status: 410, durationMs: 3 };
  const recorded = (fields: { gone: boolean; subscription: Subscription | null }) => ({
    delivery: {
      ...pendingDelivery('dlv_a', { workspaceId: 'ws_a', connectionId: owned.id, targetUrl: 'u' }),
      subscriptionId: fields.subscription?.id ?? null,
    },
    attempt,
    ok: false,
    gaveUp: true,
    sent: true,
    gone: fields.gone,
  });

  removeIfGone(deps, recorded({ gone: false, subscription: watcher }));
  removeIfGone(deps, recorded({ gone: true, subscription: null }));
  removeIfGone(deps, recorded({ gone: true, subscription: doomed }));

  await waitFor(async () => (await store.subscriptions.get(doomed.id)) === undefined, {
    what: 'the gone subscription removed',
  });
  expect(await store.removedSubscriptions.forConnection(owned.id)).toEqual([
    expect.objectContaining({ id: doomed.id, reason: 'gone' }),
  ]);
  // Those two were decided at once, before anything was read: nothing else was removed.
  expect(await store.subscriptions.get(watcher.id)).toEqual(watcher);
});
