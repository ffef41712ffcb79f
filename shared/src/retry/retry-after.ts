import { parseHttpDate } from './http-date.js';

const DELTA_SECONDS = /^-?\d+$/;

/**
 * A `Retry-After` header value as a delay in ms from `now`: delta-seconds or an HTTP-date.
 * Undefined when absent or unreadable; a moment already past (or a negative delay) gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  if (DELTA_SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
  }
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date.getTime() - now.getTime());
}
