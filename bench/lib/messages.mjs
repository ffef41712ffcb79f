// The request bodies of the benchmark, each tagged so its delivery can be matched.

/** Users the messages rotate over: each continues its conversation, as real traffic does. */
export const USERS = 1000;

/**
 * The i-th message of a run. The tag travels in `metadata`, which the relay echoes in
 * the delivered payload: the reply's own id is made by the relay and never seen by
 * the sender, so the tag is what ties a delivery back to its send time.
 */
export function benchMessage(connectionId, runTag, i) {
  const tag = `${runTag}-${i}`;
  const body = JSON.stringify({
    connectionId,
    message: 'Hello, I need help with my order.',
    userId: `user-${i % USERS}`,
    metadata: { bench: tag },
  });
  return { tag, body };
}
