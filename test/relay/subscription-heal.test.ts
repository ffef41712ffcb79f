// Subscriptions heal themselves: subscribing a paused URL again (an n8n back after an outage, a
// workflow republished) resumes it and sends what it held, oldest first, paced, each once, then
// live replies; DELETE holds (pause "unpublished") or drops; ten subscribes at once are one.
import { expect, test } from '@jest/globals';
import type { Subscription } from '@fourthchat/shared';
import { listDeliveries } from '../support/deliveries.js';
import { eventsOfType, waitForEvents } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import { heldReplies } from '../support/held-replies.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const RATE = 5;
const FAILURES = 2;
const relay = relayForThisFile({
  settings: {
    retryScheduleMs: [],
    disableAfter: { failures: FAILURES, ms: null },
    recoverRatePerSecond: RATE,
  },
});
const receivers = receiverPool();

const { hooked, subscribe, subscriptionOf, sendInOrder, heldFor, contents, expectSentOnceInOrder } =
  heldReplies(relay, receivers);

test('paused by failures, subscribed again: held replies go out oldest first, paced, once, then live ones', async () => {
  const { state, hook, watcher, connectionId, id } = await hooked();
  state.down = true;
  await sendInOrder(connectionId, ['fails 1', 'fails 2']);
  await waitFor(async () => (await subscriptionOf(connectionId, id))?.paused, {
    what: 'the pause',
  });
  const held = ['held 1', 'held 2', 'held 3'];
  await sendInOrder(connectionId, held);
  await waitFor(async () => (await heldFor(connectionId, id)).length === held.length, {
    what: 'three held deliveries',
  });
  const triedWhileDown = hook.requests.length;
  state.down = false;

  const again = await subscribe(connectionId, { targetUrl: hook.url, secret: 'n8n-is-back-1' });

  expect(again.status).toBe(200);
  expect(again.body).toEqual(
    expect.objectContaining({ id, paused: false, secret: 'n8n-is-back-1' }),
  );
  const sent = await expectSentOnceInOrder(hook, held);
  sent.forEach((request) => expect(verifiesWith(request, 'n8n-is-back-1')).toBe(true));
  const spread = (sent.at(-1)?.at ?? 0) - (sent[0]?.at ?? 0);
  expect(spread).toBeGreaterThanOrEqual(((held.length - 1) * 1000) / RATE - 150);
  const [resumed] = await waitForEvents(watcher, 'target.resumed');
  expect(resumed?.event.data).toEqual({
    target: { kind: 'subscription', subscriptionId: id, url: hook.url },
    by: 'subscribe',
  });
  // The replies that failed before the pause are failed deliveries, not held: Recover's.
  expect(hook.requests.length - triedWhileDown).toBe(held.length);

  await sendInOrder(connectionId, ['live']);
  await waitFor(() => contents(hook).includes('[echo] live'), { what: 'the live reply' });
  expect(await heldFor(connectionId, id)).toEqual([]);
  expect(contents(hook).filter((c) => held.includes(c.replace('[echo] ', '')))).toHaveLength(3);
});

test('unpublished (DELETE, hold): paused "unpublished", replies held; published again they come in order, once', async () => {
  const { hook, connectionId, id } = await hooked();

  const deleted = await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' });

  expect(deleted.status).toBe(204);
  const unpublished = await subscriptionOf(connectionId, id);
  expect(unpublished).toEqual(
    expect.objectContaining({
      paused: true,
      health: expect.objectContaining({
        state: 'paused',
        paused: { at: expect.any(String), reason: 'unpublished' },
      }),
    }),
  );
  // Unpublished twice (n8n deactivating again) changes nothing.
  expect((await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
  const held = ['gap 1', 'gap 2', 'gap 3'];
  await sendInOrder(connectionId, held);
  await waitFor(async () => (await heldFor(connectionId, id)).length === held.length, {
    what: 'three held deliveries',
  });
  expect(hook.requests).toHaveLength(0);

  const republished = await subscribe(connectionId, { targetUrl: hook.url });

  expect(republished.status).toBe(200);
  expect(republished.body.id).toBe(id);
  const sent = await expectSentOnceInOrder(hook, held);
  sent.forEach((request) => expect(verifiesWith(request, republished.body.secret)).toBe(true));
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).filter(
        (d) => d.subscriptionId === id && d.status === 'delivered',
      ).length === held.length,
    { what: 'the held deliveries delivered' },
  );
  expect(hook.requests).toHaveLength(held.length);
});

test('whileUnpublished "drop": DELETE removes it, and its replies are not kept', async () => {
  const { hook, connectionId, id } = await hooked({ whileUnpublished: 'drop' });

  expect((await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);

  expect(await subscriptionOf(connectionId, id)).toBeUndefined();
  expect((await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(404);
  await sendInOrder(connectionId, ['nobody holds this']);
  expect((await listDeliveries(relay, connectionId)).some((d) => d.subscriptionId === id)).toBe(
    false,
  );
  expect(hook.requests).toHaveLength(0);
});

test('DELETE ?remove=true removes a holding subscription, and no removal event is sent for it', async () => {
  const { connectionId, id } = await hooked();
  const others = await receivers.start();
  await subscribe(connectionId, { targetUrl: others.url, events: ['subscription.removed'] });

  const removed = await relay.api(`/api/subscriptions/${id}?remove=true`, { method: 'DELETE' });

  expect(removed.status).toBe(204);
  const listed = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  expect(listed.body.data.map((s: Subscription) => s.id)).not.toContain(id);
  // Its owner removed it: nothing to tell, nothing to show among the relay's removals.
  expect(listed.body.removed).toEqual([]);
  await sendInOrder(connectionId, ['after the removal']);
  expect(eventsOfType(others, 'subscription.removed')).toEqual([]);
});

test('ten subscribes of one URL at once are one subscription; ten of a paused one resume it once', async () => {
  const { watcher, connectionId } = await hooked();
  const many = await receivers.start();
  const target = many.url;

  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      subscribe(connectionId, { targetUrl: target, secret: `secret-number-${i}` }),
    ),
  );

  expect(answers.map((a) => a.status).sort()).toEqual([
    200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
  ]);
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  const id = answers[0]?.body.id as string;
  const listed = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  expect(listed.body.data.filter((s: Subscription) => s.targetUrl === target)).toHaveLength(1);

  await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' });
  const held = ['held for many 1', 'held for many 2'];
  await sendInOrder(connectionId, held);
  await waitFor(async () => (await heldFor(connectionId, id)).length === held.length, {
    what: 'two held deliveries',
  });

  const again = await Promise.all(
    Array.from({ length: 10 }, () => subscribe(connectionId, { targetUrl: target })),
  );

  expect(again.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 200));
  await expectSentOnceInOrder(many, held);
  const resumed = await waitForEvents(watcher, 'target.resumed');
  await sendInOrder(connectionId, ['after the ten']);
  await waitFor(() => contents(many).includes('[echo] after the ten'), { what: 'a live reply' });
  expect(resumed).toHaveLength(1);
  expect(eventsOfType(watcher, 'target.resumed')).toHaveLength(1);
  expect(contents(many)).toEqual([...held, 'after the ten'].map((m) => `[echo] ${m}`));
});
