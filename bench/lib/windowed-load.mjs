// Load that keeps at most `window` messages accepted but not yet delivered: the relay
// runs at whatever pace it sustains, without a backlog building up in its store or
// memory, which is what a memory-per-message measurement needs.
import { once } from 'node:events';
import { Pool } from 'undici';

const IDLE_WAKE_MS = 100;

/**
 * @param {object} input
 * @param {(i: number) => {tag: string, body: string}} input.message
 * @param {{events: import('node:events').EventEmitter, arrivals: Map<string, number>}} input.receiver
 * @param {number} input.total stop once this many messages are delivered (or rejected) …
 * @param {number} input.deadline … or at this time (same clock as `now`)
 */
export async function runWindowed({
  origin,
  path,
  headers,
  message,
  window,
  total,
  deadline,
  receiver,
  now,
}) {
  const pool = new Pool(origin, { connections: window, pipelining: 1 });
  const outstanding = new Set();
  const progress = { sent: 0, delivered: 0, rejected: 0 };
  const onArrival = (tag) => {
    if (!outstanding.delete(tag)) return;
    progress.delivered += 1;
    // Forget it at once: this load runs long, and the load process must not grow either.
    receiver.arrivals.delete(tag);
  };
  receiver.events.on('arrival', onArrival);

  const send = () => {
    const { tag, body } = message(progress.sent++);
    outstanding.add(tag);
    pool
      .request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      })
      .then(async (response) => {
        await response.body.dump();
        if (response.statusCode !== 202) throw new Error(String(response.statusCode));
      })
      .catch(() => {
        if (outstanding.delete(tag)) progress.rejected += 1;
      });
  };

  // After the last send it waits for the last window too: a run stopped there would never
  // count all `total` messages as delivered.
  const run = (async () => {
    while ((progress.sent < total || outstanding.size > 0) && now() < deadline) {
      if (progress.sent < total && outstanding.size < window) send();
      else
        await once(receiver.events, 'arrival', { signal: AbortSignal.timeout(IDLE_WAKE_MS) }).catch(
          () => undefined,
        );
    }
  })();
  return {
    progress,
    async finish() {
      await run;
      receiver.events.off('arrival', onArrival);
      await pool.close();
      return { ...progress, undelivered: outstanding.size };
    },
  };
}
