import { describe, expect, it } from '@jest/globals';
import type { ZObject } from 'zapier-platform-core';
import { appTester, authData, RELAY } from './support/app.js';
import { errorFields, rejection } from './support/errors.js';
import { useNock } from './support/nock.js';
import { scaledMs } from '../support/time-scale.js';

const nock = useNock();

const getConnection = async (z: ZObject) =>
  (await z.request(`${RELAY}/api/connections/conn_1`)).data as unknown;

const failWith = (status: number, body: object | string, headers: Record<string, string> = {}) => {
  nock(RELAY).get('/api/connections/conn_1').reply(status, body, headers);
  return rejection(appTester(getConnection, { authData }));
};

describe('relay error mapping', () => {
  it.each([
    [429, 'rate_limited', 'Too many requests for this API key', 17],
    [503, 'store_unavailable', 'The store is unreachable', 5],
  ])('retries a %i %s after the Retry-After seconds', async (status, code, message, delay) => {
    const error = await failWith(
      status,
      { error: { code, message } },
      { 'Retry-After': String(delay) },
    );

    expect(error.name).toBe('ThrottledError');
    expect(errorFields(error)).toEqual({ message, delay });
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const error = await failWith(
      429,
      { error: { code: 'rate_limited', message: 'slow down' } },
      { 'Retry-After': inTwoMinutes },
    );

    const { delay } = errorFields(error);
    // The date has whole seconds, and the machine may take a while to get here.
    expect(delay).toBeGreaterThanOrEqual(119 - scaledMs(1_000) / 1_000);
    expect(delay).toBeLessThanOrEqual(120);
  });

  it('lets Zapier choose the delay when a 429 has no Retry-After', async () => {
    const error = await failWith(429, { error: { code: 'rate_limited', message: 'slow down' } });

    expect(error.name).toBe('ThrottledError');
    expect(errorFields(error).delay).toBeUndefined();
  });

  it('halts, without counting against the Zap, when the connection is disabled', async () => {
    const error = await failWith(409, {
      error: { code: 'connection_disabled', message: 'Connection "Support" is disabled' },
    });

    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('Connection "Support" is disabled');
  });

  it.each([
    [404, 'not_found', 'No connection conn_1'],
    [400, 'validation_failed', 'message must not be empty'],
    [409, 'idempotency_conflict', 'Idempotency-Key was used with another body'],
    [424, 'reply_failed', 'The AI reply failed: provider timeout'],
  ])('shows the relay message of a %i %s', async (status, code, message) => {
    const error = await failWith(status, { error: { code, message } });

    expect(error.name).toBe('AppError');
    expect(errorFields(error)).toEqual({ message, code, status });
  });

  it('names the status when the answer is not a relay error body', async () => {
    const error = await failWith(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });

    expect(errorFields(error)).toEqual({
      message: 'The FourthChat relay answered HTTP 502.',
      code: 'http_502',
      status: 502,
    });
  });
});
