import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetry } from '@fourthchat/shared';

const schedule = DEFAULT_RETRY_SCHEDULE_MS;

describe('nextRetry', () => {
  it.each([
    [1, 30_000],
    [2, 120_000],
    [3, 600_000],
  ])('after %i failed attempt(s) waits %i ms', (attempt, delayMs) => {
    expect(nextRetry({ attempt, status: 500, schedule })).toEqual({ retry: true, delayMs });
  });

  it('gives up after the last scheduled retry has failed', () => {
    expect(nextRetry({ attempt: 4, status: 500, schedule })).toEqual({
      retry: false,
      reason: 'exhausted',
    });
    expect(nextRetry({ attempt: 1, status: 500, schedule: [] })).toEqual({
      retry: false,
      reason: 'exhausted',
    });
  });

  it('retries network errors and timeouts (status null)', () => {
    expect(nextRetry({ attempt: 1, status: null, schedule })).toEqual({
      retry: true,
      delayMs: 30_000,
    });
  });

  it('stops at once on 410 Gone', () => {
    expect(nextRetry({ attempt: 1, status: 410, schedule })).toEqual({
      retry: false,
      reason: 'gone',
    });
  });

  it.each([429, 503])('honours a longer Retry-After on %i', (status) => {
    expect(nextRetry({ attempt: 1, status, retryAfterMs: 90_000, schedule })).toEqual({
      retry: true,
      delayMs: 90_000,
    });
  });

  it('never retries sooner than the schedule because of Retry-After', () => {
    expect(nextRetry({ attempt: 1, status: 429, retryAfterMs: 1_000, schedule })).toEqual({
      retry: true,
      delayMs: 30_000,
    });
  });

  it('bounds Retry-After by maxRetryAfterMs, default one hour', () => {
    const day = 86_400_000;
    expect(nextRetry({ attempt: 1, status: 503, retryAfterMs: day, schedule })).toEqual({
      retry: true,
      delayMs: 3_600_000,
    });
    expect(
      nextRetry({ attempt: 1, status: 503, retryAfterMs: day, schedule, maxRetryAfterMs: 60_000 }),
    ).toEqual({ retry: true, delayMs: 60_000 });
  });

  it('ignores Retry-After on other statuses', () => {
    expect(nextRetry({ attempt: 2, status: 500, retryAfterMs: 900_000, schedule })).toEqual({
      retry: true,
      delayMs: 120_000,
    });
  });

  it.each([0, -1, 1.5, NaN])('refuses the attempt number %p', (attempt) => {
    expect(() => nextRetry({ attempt, status: 500, schedule })).toThrow(RangeError);
  });
});
