// Accept at concurrency 64 and accept → delivered at 100 msg/s on the memory run's relay and
// store: before its messages are stored, and after. Both on the same two processes, warm,
// so the difference is what the stored messages cost and nothing else (another store
// process, another JVM's compiled code, another relay). Each figure is the median of
// `plan.runs` runs, like every other figure: single runs of these scattered by ±30 %.
import { acceptRun } from '../lib/accept-run.mjs';
import { waitForArrivals } from '../lib/arrivals.mjs';
import { endToEndRun } from '../lib/e2e-run.mjs';
import { medianOf } from '../lib/repeat.mjs';

/** How far a figure with everything stored may be from the same figure before. */
export const STORED_TOLERANCE = 0.2;
export const STORED_RATE = 100;
export const STORED_CONCURRENCY = 64;
/** How long the relay may take to deliver the backlog an accept run leaves. */
const DRAIN_LIMIT_MS = 300_000;

/** `stored` is how many messages the store holds; `runTag` names the measurement. */
export async function measureStoredFigures({ stack, plan, fixtures, now, stored, runTag }) {
  const endToEnd = await medianOf(plan.runs, (run) =>
    endToEndRun({
      stack,
      receiver: fixtures.receiver,
      rate: STORED_RATE,
      seconds: plan.fixedSeconds,
      drainSeconds: plan.drainSeconds,
      runTag: `${runTag}-e2e${run}`,
      now,
    }),
  );
  const accept = await medianOf(plan.runs, (run) =>
    acceptAndDrain({ stack, plan, fixtures, now, runTag: `${runTag}-acc${run}` }),
  );
  return { stored, endToEnd, accept };
}

/**
 * An accept run outpaces what the relay answers and delivers; the next run starts once that
 * backlog is delivered, so each run measures the same relay, not one still catching up.
 */
async function acceptAndDrain({ stack, plan, fixtures, now, runTag }) {
  const accepted = [];
  const result = await acceptRun({
    baseUrl: stack.baseUrl,
    headers: stack.headers,
    connectionId: stack.connections.healthy,
    concurrency: STORED_CONCURRENCY,
    plan,
    runTag,
    pids: stack.pids,
    onAccepted: (tag) => accepted.push(tag),
  });
  const { arrivals } = fixtures.receiver;
  const undelivered = await waitForArrivals(accepted, arrivals, now() + DRAIN_LIMIT_MS, now);
  for (const tag of accepted) arrivals.delete(tag);
  return { ...result, undelivered };
}
