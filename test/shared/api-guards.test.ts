import { describe, expect, it } from '@jest/globals';
import {
  API_ERROR_STATUS,
  DELIVERY_STATUSES,
  isApiErrorBody,
  isDeliveryStatus,
} from '@fourthchat/shared';

describe('isApiErrorBody', () => {
  it('accepts error bodies with and without a field, including codes it does not know', () => {
    expect(isApiErrorBody({ error: { code: 'not_found', message: 'no such connection' } })).toBe(
      true,
    );
    expect(
      isApiErrorBody({
        error: { code: 'validation_failed', message: 'required', field: 'connectionId' },
      }),
    ).toBe(true);
    expect(isApiErrorBody({ error: { code: 'a_future_code', message: '' } })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string error', { error: 'not found' }],
    ['no code', { error: { message: 'x' } }],
    ['an empty code', { error: { code: '', message: 'x' } }],
    ['no message', { error: { code: 'not_found' } }],
    ['a numeric field', { error: { code: 'validation_failed', message: 'x', field: 1 } }],
    ['a list response', { data: [] }],
  ])('refuses %s', (_label, value) => {
    expect(isApiErrorBody(value)).toBe(false);
  });
});

describe('API error codes', () => {
  // Verbatim from the relay contract that the lead, n8n and Zapier helpers code against.
  const CONTRACT =
    'unauthorized 401, not_found 404, validation_failed 400, unsupported_media_type 415, ' +
    'payload_too_large 413, rate_limited 429, idempotency_conflict 409, connection_disabled 409, conflict 409, ' +
    'reply_failed 424, store_unavailable 503';

  it('map to the statuses of the relay contract', () => {
    const pairs = CONTRACT.split(', ').map((item) => item.split(' '));
    expect(Object.entries(API_ERROR_STATUS)).toEqual(
      pairs.map(([code, status]) => [code, Number(status)]),
    );
  });
});

describe('delivery status', () => {
  it('knows exactly the five statuses of the delivery log filter', () => {
    expect(DELIVERY_STATUSES).toEqual(['pending', 'retrying', 'delivered', 'failed', 'paused']);
    for (const status of DELIVERY_STATUSES) expect(isDeliveryStatus(status)).toBe(true);
    expect(isDeliveryStatus('succeeded')).toBe(false);
    expect(isDeliveryStatus(undefined)).toBe(false);
  });
});
