// With the memory run's messages stored: accept at concurrency 64 and accept → delivered at
// 100 msg/s once more, on the same relay and store, to compare with the empty-store runs.
import { endToEndRun } from '../lib/e2e-run.mjs';
import { acceptRun } from './accept.mjs';

/** How far a figure with everything stored may be from the empty store's. */
export const STORED_TOLERANCE = 0.2;
export const STORED_RATE = 100;
export const STORED_CONCURRENCY = 64;

/** Run after the memory run on its stack; `stored` is how many messages it holds. */
export async function measureWithStored({ stack, plan, fixtures, now, stored }) {
  const endToEnd = await endToEndRun({
    stack,
    receiver: fixtures.receiver,
    rate: STORED_RATE,
    seconds: plan.fixedSeconds,
    drainSeconds: plan.drainSeconds,
    runTag: 'stored-e2e',
    now,
  });
  const accept = await acceptRun({
    baseUrl: stack.baseUrl,
    headers: stack.headers,
    connectionId: stack.connections.healthy,
    concurrency: STORED_CONCURRENCY,
    plan,
    runTag: 'stored-acc',
    pids: stack.pids,
  });
  return { stored, endToEnd, accept };
}
