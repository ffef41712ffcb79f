// A subscription paused by failures is probed every RELAY_PROBE_INTERVAL with the oldest reply
// it holds: once its receiver answers again (an n8n restarted, which does not subscribe again)
// it resumes by itself and the rest follows in order; while it keeps failing it stays paused
// and nothing is lost; a subscription its owner paused is never probed.
import { expect, test } from '@jest/globals';
import { waitForEvents } from '../support/events.js';
import { heldReplies } from '../support/held-replies.js';
import { receiverPool } from '../support/receiver-pool.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const FAILURES = 2;
const relay = relayForThisFile({
  settings: {
    retryScheduleMs: [],
    disableAfter: { failures: FAILURES, ms: null },
    recoverRatePerSecond: 20,
    probeIntervalMs: 200,
  },
});
const receivers = receiverPool();
const kit = heldReplies(relay, receivers);

/** A hook paused by FAILURES failed replies, then holding `held` while still down. */
async function pausedByFailures(held: string[]) {
  const hooked = await kit.hooked();
  hooked.state.down = true;
  await kit.sendInOrder(hooked.connectionId, ['fails 1', 'fails 2']);
  await waitFor(async () => (await kit.subscriptionOf(hooked.connectionId, hooked.id))?.paused, {
    what: 'the pause',
  });
  await kit.sendInOrder(hooked.connectionId, held);
  return hooked;
}

const repliesTo = (hook: { requests: { body: string }[] }, content: string) =>
  hook.requests.filter((r) => r.body.includes(`"content":"[echo] ${content}"`)).length;

test('while the receiver is down, probes fail and it stays paused, holding every reply', async () => {
  const held = ['down 1', 'down 2'];
  const { hook, connectionId, id } = await pausedByFailures(held);

  await waitFor(() => repliesTo(hook, 'down 1') >= 2, { what: 'two probes' });

  const subscription = await kit.subscriptionOf(connectionId, id);
  expect(subscription?.paused).toBe(true);
  await waitFor(async () => (await kit.heldFor(connectionId, id)).length === held.length, {
    what: 'the probed reply held again',
  });
  const probed = (await kit.heldFor(connectionId, id)).find((d) => d.attempts.length > 0);
  expect(probed?.attempts.every((a) => a.status === 503)).toBe(true);
  // Only the oldest is ever sent while paused.
  expect(repliesTo(hook, 'down 2')).toBe(0);
});

test('once the receiver answers, a probe resumes it ("probe") and the rest follows in order', async () => {
  const held = ['back 1', 'back 2', 'back 3'];
  const { state, hook, watcher, connectionId, id } = await pausedByFailures(held);

  state.down = false;

  await kit.expectSentOnceInOrder(hook, held);
  const [resumed] = await waitForEvents(watcher, 'target.resumed');
  expect(resumed?.event.data).toEqual({
    target: { kind: 'subscription', subscriptionId: id, url: hook.url },
    by: 'probe',
  });
  expect((await kit.subscriptionOf(connectionId, id))?.paused).toBe(false);
  expect(await kit.heldFor(connectionId, id)).toEqual([]);
});

test('a subscription paused by its owner (unpublished, by hand) is never probed', async () => {
  const failing = await pausedByFailures(['probe me']);
  const unpublished = await kit.hooked();
  const byHand = await kit.hooked();
  await relay.api(`/api/subscriptions/${unpublished.id}`, { method: 'DELETE' });
  await relay.api(`/api/subscriptions/${byHand.id}`, { method: 'PATCH', body: { paused: true } });
  for (const hooked of [failing, unpublished, byHand]) {
    await kit.sendInOrder(hooked.connectionId, [`held by ${hooked.id}`]);
  }

  // Rounds have run: the failing one was probed twice since its owner-paused peers held theirs.
  const before = repliesTo(failing.hook, 'probe me');
  await waitFor(() => repliesTo(failing.hook, 'probe me') >= before + 2, { what: 'two rounds' });

  expect(unpublished.hook.requests).toHaveLength(0);
  expect(byHand.hook.requests).toHaveLength(0);
  expect(await kit.heldFor(byHand.connectionId, byHand.id)).toHaveLength(1);
});
