import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  parseRetrySchedule,
  RetryScheduleError,
} from '@fourthchat/shared';
import { caught } from './caught.js';

const parseError = (text: string) => caught(RetryScheduleError, () => parseRetrySchedule(text));

describe('retry schedule', () => {
  it("defaults to the spec's 30 s, 2 min, 10 min", () => {
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([30_000, 120_000, 600_000]);
    expect(parseRetrySchedule('30s,2m,10m')).toEqual(DEFAULT_RETRY_SCHEDULE_MS);
  });

  it('understands ms, s, m and h, fractions and whitespace', () => {
    expect(parseRetrySchedule(' 250ms , 1.5s,1.1s, 0.5m ,1h, 2 s ')).toEqual([
      250, 1_500, 1_100, 30_000, 3_600_000, 2_000,
    ]);
    expect(parseRetrySchedule('0s')).toEqual([0]);
  });

  it.each([
    ['', '', 1],
    ['30s,,10m', '', 2],
    ['30s,-2m', '-2m', 2],
    ['30', '30', 1],
    ['30s,2d', '2d', 2],
    ['1S', '1S', 1],
    ['abc', 'abc', 1],
    ['0.5ms', '0.5ms', 1],
    ['1e3s', '1e3s', 1],
    ['99999999999999999999h', '99999999999999999999h', 1],
  ])('refuses %j, naming item %j', (text, item, position) => {
    const error = parseError(text);
    expect(error.item).toBe(item);
    expect(error.code).toBe('invalid_retry_schedule');
    expect(error.message).toContain(`${JSON.stringify(item)} at position ${position}`);
  });
});
