// Matching deliveries at the receiver with the messages the load process sent.

const POLL_MS = 20;

/** Resolves once every tag has arrived, or at `deadline` (same clock as `now`). */
export async function waitForArrivals(tags, arrivals, deadline, now = () => performance.now()) {
  let waiting = [...tags];
  while (waiting.length > 0 && now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    waiting = waiting.filter((tag) => !arrivals.has(tag));
  }
  return waiting.length;
}

/**
 * Accept → delivered latency of each sent message: arrival time minus due time, or
 * Infinity when it had not arrived by the deadline. Forgets the arrivals it read.
 */
export function takeLatencies(dueTimes, arrivals) {
  const latencies = [];
  for (const [tag, dueAt] of dueTimes) {
    const arrivedAt = arrivals.get(tag);
    latencies.push(arrivedAt === undefined ? Number.POSITIVE_INFINITY : arrivedAt - dueAt);
    arrivals.delete(tag);
  }
  return latencies;
}
