// One fixed-rate run against a relay: accept latency from the load tool's answers,
// accept → delivered latency from the receiver's arrival times.
import { takeLatencies, waitForArrivals } from './arrivals.mjs';
import { benchMessage } from './messages.mjs';
import { runOpenLoop } from './open-loop.mjs';
import { cpuMeter } from './proc-stats.mjs';
import { coresUsed } from './repeat.mjs';
import { summarize } from './stats.mjs';

/**
 * @param {object} input
 * @param {(i: number) => {tag?: string, body: string}} [input.message] defaults to every
 *   message to the healthy connection; messages without a tag are sent but not timed
 * @param {number} input.drainSeconds how long after the sending ends answers and deliveries
 *   may take; later ones count as Infinity, so a p99 beyond it reads "more than that"
 */
export async function endToEndRun({
  stack,
  receiver,
  rate,
  seconds,
  drainSeconds,
  runTag,
  message,
  now,
}) {
  const dueTimes = new Map();
  const meter = cpuMeter(stack.pids);
  const started = now();
  // One deadline for the whole run: answers and deliveries later than it count as Infinity.
  const deadline = started + (seconds + drainSeconds) * 1000;
  const load = await runOpenLoop({
    origin: stack.baseUrl,
    path: '/api/webhooks/incoming',
    headers: stack.headers,
    rate,
    seconds,
    deadline,
    message: message ?? ((i) => benchMessage(stack.connections.healthy, runTag, i)),
    onSent: (tag, dueAt) => tag !== undefined && dueTimes.set(tag, dueAt),
    now,
  });
  const missing = await waitForArrivals(dueTimes.keys(), receiver.arrivals, deadline, now);
  const cores = coresUsed(meter(), (now() - started) / 1000);
  const accept = summarize(load.latencies);
  const endToEnd = summarize(takeLatencies(dueTimes, receiver.arrivals));
  return {
    rate,
    sent: load.sent,
    timed: dueTimes.size,
    delivered: dueTimes.size - missing,
    // Not answered 202 by the deadline (the kinds are in `failures`).
    rejected: Object.values(load.failures).reduce((sum, n) => sum + n, 0),
    failures: load.failures,
    acceptP50: accept.p50,
    acceptP99: accept.p99,
    e2eP50: endToEnd.p50,
    e2eP99: endToEnd.p99,
    ...cores,
  };
}
