// Open-loop load at a fixed rate with undici: request i is due at start + i/rate,
// whether or not earlier answers came back. autocannon's own rate limit releases
// each second's quota in one burst at the top of the second, which would measure
// bursts, not a steady rate.
import { setMaxListeners } from 'node:events';
import { Pool } from 'undici';

const TICK_MS = 1;

/**
 * @param {object} input
 * @param {string} input.origin
 * @param {string} input.path
 * @param {Record<string,string>} input.headers
 * @param {number} input.rate messages per second
 * @param {number} input.seconds how long to send
 * @param {number} input.deadline when unanswered requests are given up (same clock as `now`)
 * @param {(i: number) => {tag?: string, body: string}} input.message
 * @param {(tag: string | undefined, dueAt: number) => void} [input.onSent] for each request
 * @param {() => number} input.now milliseconds, monotonic
 * @returns accept latencies measured from each request's due time, so a late sender
 *   cannot hide the wait it caused (no coordinated omission); Infinity for requests
 *   still unanswered at the deadline
 */
export async function runOpenLoop({
  origin,
  path,
  headers,
  rate,
  seconds,
  deadline,
  message,
  onSent,
  now,
}) {
  const pool = new Pool(origin, { connections: 1024, pipelining: 1, keepAliveTimeout: 60_000 });
  const giveUp = new AbortController();
  // Every request listens on this one signal.
  setMaxListeners(0, giveUp.signal);
  const timer = setTimeout(() => giveUp.abort(), Math.max(0, deadline - now()));
  const total = Math.round(rate * seconds);
  const latencies = [];
  const failures = new Map();
  const pending = [];
  const start = now();

  const send = (i) => {
    const dueAt = start + (i * 1000) / rate;
    const { tag, body } = message(i);
    onSent?.(tag, dueAt);
    const request = pool
      .request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: giveUp.signal,
      })
      .then(async (response) => {
        await response.body.dump();
        if (response.statusCode !== 202) return count(failures, String(response.statusCode));
        latencies.push(now() - dueAt);
      })
      .catch((error) => {
        if (!giveUp.signal.aborted) return count(failures, error.code ?? error.message);
        latencies.push(Number.POSITIVE_INFINITY);
        count(failures, 'unanswered at the deadline');
      });
    pending.push(request);
  };

  let next = 0;
  while (next < total && now() < deadline) {
    const due = Math.min(total, Math.floor(((now() - start) * rate) / 1000) + 1);
    while (next < due) send(next++);
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pending);
  clearTimeout(timer);
  await pool.destroy();
  return { sent: next, latencies, failures: Object.fromEntries(failures) };
}

function count(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}
