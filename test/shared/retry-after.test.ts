import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter } from '@fourthchat/shared';

const NOW = new Date('2024-01-15T10:30:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('clamps a negative delay to 0', () => {
    expect(parseRetryAfter('-5', NOW)).toBe(0);
  });

  it.each([
    ['IMF-fixdate', 'Mon, 15 Jan 2024 10:31:30 GMT'],
    ['RFC 850', 'Monday, 15-Jan-24 10:31:30 GMT'],
    ['asctime', 'Mon Jan 15 10:31:30 2024'],
  ])('reads an HTTP-date in %s form', (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBe(90_000);
  });

  it('reads a one-digit asctime day', () => {
    expect(parseRetryAfter('Tue Feb  6 10:30:00 2024', NOW)).toBe(22 * 86_400_000);
  });

  it('puts a two-digit year more than 50 years ahead in the previous century', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(0);
    expect(parseRetryAfter('Sunday, 01-Jan-79 00:00:10 GMT', now)).toBe(
      Date.UTC(2079, 0, 1, 0, 0, 10) - now.getTime(),
    );
  });

  it('gives 0 for a date already past', () => {
    expect(parseRetryAfter('Mon, 15 Jan 2024 10:00:00 GMT', NOW)).toBe(0);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
    ['garbage', 'soon'],
    ['a fraction', '1.5'],
    ['an ISO date', '2024-01-15T10:31:30Z'],
    ['a date without GMT', 'Mon, 15 Jan 2024 10:31:30'],
    ['a date in another zone', 'Mon, 15 Jan 2024 10:31:30 PST'],
    ['an impossible day', 'Thu, 31 Feb 2024 10:31:30 GMT'],
    ['an impossible hour', 'Mon, 15 Jan 2024 25:31:30 GMT'],
    ['an unknown month', 'Mon, 15 Foo 2024 10:31:30 GMT'],
    ['an endless number', '9'.repeat(400)],
  ])('is undefined for %s', (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
