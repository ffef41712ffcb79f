// Warming up before measuring. Both processes compile their hot code during their first
// seconds under load, and a figure taken then measures the compilers: in a 15 s run of 64
// callers on a fresh store, the store's JIT compiler threads used 7.4 s of CPU, more than
// its request threads; they settled after about 20 s of load. A relay and its store run for
// days, so the figures are taken warm.
import { waitForArrivals } from './arrivals.mjs';
import { runClosedLoop } from './closed-loop.mjs';
import { benchMessage } from './messages.mjs';

const CALLERS = 32;
/** The warm-up's messages are delivered before the measured part starts, or this is over. */
const DRAIN_MS = 60_000;
let warmUps = 0;

/**
 * `seconds` of accepts from 32 callers to the healthy connection, then waits until every
 * accepted one is delivered, so the measured part starts with no backlog.
 */
export async function warmUpRelay({ stack, receiver, seconds, now }) {
  if (!seconds) return;
  const runTag = `warm${(warmUps += 1)}`;
  const tags = [];
  await runClosedLoop({
    url: `${stack.baseUrl}/api/webhooks/incoming`,
    headers: stack.headers,
    concurrency: CALLERS,
    seconds,
    message: (i) => benchMessage(stack.connections.healthy, runTag, i),
    onAccepted: (tag) => tags.push(tag),
  });
  const missing = await waitForArrivals(tags, receiver.arrivals, now() + DRAIN_MS, now);
  for (const tag of tags) receiver.arrivals.delete(tag);
  if (missing > 0) {
    throw new Error(`warm-up: ${missing} of ${tags.length} messages not delivered within 60 s`);
  }
}
