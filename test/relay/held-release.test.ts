// What a resumed subscription held goes out one at a time, oldest first: the next only once
// the one before is answered, however slow that answer (a workflow's first request after it is
// published again can take seconds); and a release cut short by a stop is finished by the next
// start on the same store.
import { expect, test } from '@jest/globals';
import { createInProcessJobs } from '../../relay/src/jobs/in-process-jobs.js';
import { createMemoryStore } from '../../relay/src/store/memory/memory-store.js';
import { heldReplies } from '../support/held-replies.js';
import { receiverPool } from '../support/receiver-pool.js';
import { startRelayOn } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';

const RATE = 20;
const SLOW_MS = 1_500;
const settings = { retryScheduleMs: [], recoverRatePerSecond: RATE };
const relay = relayForThisFile({ settings });
const receivers = receiverPool();
const kit = heldReplies(relay, receivers);

test('a slow answer to the first held reply keeps the second waiting: they arrive in order', async () => {
  const { hook, connectionId, id } = await kit.hooked({
    delayMs: (index) => (index === 0 ? SLOW_MS : 0),
  });
  await relay.api(`/api/subscriptions/${id}`, { method: 'DELETE' });
  const held = ['slow 1', 'slow 2', 'slow 3'];
  await kit.sendInOrder(connectionId, held);

  await kit.subscribe(connectionId, { targetUrl: hook.url });

  const sent = await kit.expectSentOnceInOrder(hook, held);
  // Paced at RATE a second, the second would have left 50 ms after the first: it waited for
  // the first one's answer.
  expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(SLOW_MS - 50);
  expect(hook.requests).toHaveLength(held.length);
});

test('a release cut short by a stop is finished, in order, by the next start on the same store', async () => {
  const store = createMemoryStore();
  const jobs = (deps: Parameters<typeof createInProcessJobs>[0]) => createInProcessJobs(deps);
  const first = await startRelayOn(store, jobs, { settings });
  const firstKit = heldReplies(first, receivers);
  const { hook, connectionId, id } = await firstKit.hooked();
  await first.api(`/api/subscriptions/${id}`, { method: 'DELETE' });
  const held = ['stranded 1', 'stranded 2', 'stranded 3'];
  await firstKit.sendInOrder(connectionId, held);
  await first.relay.close();
  // What a resume leaves when its process dies before releasing anything.
  await store.subscriptions.setPause({ id, connectionId }, null);
  expect(await store.deliveries.countHeld(id)).toBe(held.length);

  const second = await startRelayOn(store, jobs, { settings });
  try {
    await firstKit.expectSentOnceInOrder(hook, held);
    expect(await store.deliveries.countHeld(id)).toBe(0);
    expect(hook.requests).toHaveLength(held.length);
  } finally {
    await second.close();
  }
});
