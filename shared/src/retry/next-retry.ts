export interface NextRetryInput {
  /** Attempts made so far, all failed: 1 after the first attempt failed. */
  attempt: number;
  /** The last attempt's HTTP status; null for a network error or timeout. */
  status: number | null;
  /** The last response's Retry-After in ms (see parseRetryAfter); honoured on 429 and 503. */
  retryAfterMs?: number;
  /** Delay before each retry: retry k waits schedule[k - 1]. */
  schedule: readonly number[];
  /** Upper bound on a Retry-After, so a receiver cannot park a delivery for days. */
  maxRetryAfterMs?: number;
}

export type RetryDecision =
  { retry: true; delayMs: number } | { retry: false; reason: 'exhausted' | 'gone' };

export const DEFAULT_MAX_RETRY_AFTER_MS = 3_600_000;
const HTTP_GONE = 410;
const STATUSES_WITH_RETRY_AFTER: readonly (number | null)[] = [429, 503];

/** Whether and when to try a failed delivery again. Pure: the caller owns clocks and timers. */
export function nextRetry(input: NextRetryInput): RetryDecision {
  const { attempt, status, retryAfterMs, schedule } = input;
  const maxRetryAfterMs = input.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a positive integer, got ${String(attempt)}`);
  }
  // 410 is the receiver saying the hook is gone for good (REST hooks unsubscribe on it).
  if (status === HTTP_GONE) return { retry: false, reason: 'gone' };
  const scheduled = schedule[attempt - 1];
  if (scheduled === undefined) return { retry: false, reason: 'exhausted' };
  if (retryAfterMs === undefined || !STATUSES_WITH_RETRY_AFTER.includes(status)) {
    return { retry: true, delayMs: scheduled };
  }
  return { retry: true, delayMs: Math.max(scheduled, Math.min(retryAfterMs, maxRetryAfterMs)) };
}

/**
 * Whether attempt `attempt` (1 for the first of a cycle) is the last one: no retry follows it
 * if it fails (a 410 ends any attempt, whatever its number).
 */
export function isLastAttempt(attempt: number, schedule: readonly number[]): boolean {
  return schedule[attempt - 1] === undefined;
}
