// Accept at concurrency 64 and accept → delivered at 100 msg/s on the memory run's relay and
// store: once before its messages are stored, once after. Both on the same two processes,
// warm, so the difference is what the stored messages cost and nothing else (another store
// process, another JVM's compiled code, another relay).
import { endToEndRun } from '../lib/e2e-run.mjs';
import { acceptRun } from './accept.mjs';

/** How far a figure with everything stored may be from the same figure before. */
export const STORED_TOLERANCE = 0.2;
export const STORED_RATE = 100;
export const STORED_CONCURRENCY = 64;

/** `stored` is how many messages the store holds; `runTag` names the measurement. */
export async function measureStoredFigures({ stack, plan, fixtures, now, stored, runTag }) {
  const endToEnd = await endToEndRun({
    stack,
    receiver: fixtures.receiver,
    rate: STORED_RATE,
    seconds: plan.fixedSeconds,
    drainSeconds: plan.drainSeconds,
    runTag: `${runTag}-e2e`,
    now,
  });
  const accept = await acceptRun({
    baseUrl: stack.baseUrl,
    headers: stack.headers,
    connectionId: stack.connections.healthy,
    concurrency: STORED_CONCURRENCY,
    plan,
    runTag: `${runTag}-acc`,
    pids: stack.pids,
  });
  return { stored, endToEnd, accept };
}
