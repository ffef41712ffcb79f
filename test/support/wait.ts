import { scaledMs } from './time-scale.js';

/**
 * Polls until the check passes or the deadline ends; no fixed sleeps in tests. `timeoutMs` is
 * what an idle machine needs: the deadline is that times TEST_TIME_SCALE.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const limitMs = scaledMs(timeoutMs);
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
