import { describe, expect, it } from '@jest/globals';
import { verify, WebhookVerificationError, type VerifyInput } from '@fourthchat/shared';
import { caught } from './caught.js';
import { BODY, DELIVERY_ID, SENT_AT, sha256OnlyHeaders, signedDelivery } from './signed-fixture.js';

const refusal = (input: VerifyInput) => caught(WebhookVerificationError, () => verify(input));

function withHeaders(changes: Record<string, string | undefined>): VerifyInput {
  const valid = signedDelivery();
  return { ...valid, headers: { ...valid.headers, ...changes } };
}

const OTHER_SECRET = 'whsec_' + Buffer.from('another secret, 24 bytes').toString('base64');
const secondsAfterSending = (seconds: number) => new Date(SENT_AT.getTime() + seconds * 1000);

describe('verify, Standard Webhooks signature', () => {
  it('accepts the valid fixture and returns the signed id and time', () => {
    expect(verify(signedDelivery())).toEqual({
      scheme: 'standard-webhooks',
      id: DELIVERY_ID,
      timestamp: SENT_AT,
    });
  });

  it('accepts the body as raw bytes', () => {
    expect(verify(signedDelivery({ body: new TextEncoder().encode(BODY) })).scheme).toBe(
      'standard-webhooks',
    );
  });

  it('refuses a tampered body', () => {
    expect(refusal(signedDelivery({ body: BODY.replace('Hello', 'Hullo') })).code).toBe(
      'invalid_signature',
    );
  });

  it('refuses a wrong secret', () => {
    expect(refusal(signedDelivery({ secret: OTHER_SECRET })).code).toBe('invalid_signature');
  });

  it('refuses a changed id, since the id is signed', () => {
    expect(refusal(withHeaders({ 'webhook-id': 'dlv_other' })).code).toBe('invalid_signature');
  });

  it('refuses a changed timestamp, since the timestamp is signed', () => {
    expect(refusal(withHeaders({ 'webhook-timestamp': '1705314601' })).code).toBe(
      'invalid_signature',
    );
  });

  it('refuses a header with only other versions, and ignores them next to a valid v1', () => {
    const valid = signedDelivery();
    const v1 = String(valid.headers['webhook-signature']);
    const v1a = v1.replace(/^v1,/, 'v1a,');

    expect(refusal(withHeaders({ 'webhook-signature': v1a })).code).toBe('invalid_signature');
    expect(verify(withHeaders({ 'webhook-signature': `${v1a} ${v1}` })).id).toBe(DELIVERY_ID);
  });

  it('accepts any matching entry among several (rotation)', () => {
    const valid = signedDelivery();
    const v1 = String(valid.headers['webhook-signature']);
    const stale = 'v1,' + Buffer.alloc(32).toString('base64');

    expect(verify(withHeaders({ 'webhook-signature': `${stale}  ${v1}` })).id).toBe(DELIVERY_ID);
  });

  it.each(['webhook-id', 'webhook-timestamp'])('refuses a signature without %s', (name) => {
    expect(refusal(withHeaders({ [name]: undefined })).code).toBe('missing_headers');
  });

  it.each(['soon', '1705314600.5', '-1705314600', '1e9', '99999999999999999999'])(
    'refuses the non-integer timestamp %s',
    (timestamp) => {
      expect(refusal(withHeaders({ 'webhook-timestamp': timestamp })).code).toBe(
        'invalid_timestamp',
      );
    },
  );

  it.each([
    ['too old', 301],
    ['too new', -301],
  ])('refuses a timestamp %s for the 5-minute default tolerance', (_label, seconds) => {
    expect(refusal(signedDelivery({ now: secondsAfterSending(seconds) })).code).toBe(
      'timestamp_out_of_tolerance',
    );
  });

  it.each([300, -300])('accepts a delivery exactly at the tolerance edge (%i s)', (seconds) => {
    expect(verify(signedDelivery({ now: secondsAfterSending(seconds) })).id).toBe(DELIVERY_ID);
  });

  it('honours a configured tolerance', () => {
    const late = secondsAfterSending(61);
    expect(refusal(signedDelivery({ now: late, toleranceSeconds: 60 })).code).toBe(
      'timestamp_out_of_tolerance',
    );
    expect(verify(signedDelivery({ now: late, toleranceSeconds: 120 })).id).toBe(DELIVERY_ID);
  });

  it('checks the timestamp before the signature, like the Standard Webhooks libraries', () => {
    const replayed = signedDelivery({ now: secondsAfterSending(3600), body: 'tampered' });
    expect(refusal(replayed).code).toBe('timestamp_out_of_tolerance');
  });

  it('refuses a negative or non-finite tolerance and an invalid clock as configuration errors', () => {
    expect(() => verify(signedDelivery({ toleranceSeconds: -1 }))).toThrow(RangeError);
    expect(() => verify(signedDelivery({ toleranceSeconds: NaN }))).toThrow(RangeError);
    expect(() => verify(signedDelivery({ now: new Date(NaN) }))).toThrow(RangeError);
  });

  it('refuses an unusable secret as a configuration error, whatever the headers', () => {
    expect(() => verify(signedDelivery({ secret: '' }))).toThrow(RangeError);
    expect(() => verify({ ...signedDelivery({ secret: 'whsec_' }), headers: {} })).toThrow(
      RangeError,
    );
  });
});

describe('verify, header names', () => {
  it("reads Zapier's Http- prefixed, Camel-Cased names", () => {
    const { headers, ...rest } = signedDelivery();
    const zapierHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        'Http-' +
          name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()),
        value,
      ]),
    );
    expect(Object.keys(zapierHeaders)).toContain('Http-Webhook-Signature');

    expect(verify({ ...rest, headers: zapierHeaders }).id).toBe(DELIVERY_ID);
  });

  it('reads upper-case names and array values (first element)', () => {
    const { headers, ...rest } = signedDelivery();
    const shouted = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        name.toUpperCase(),
        [String(value), 'ignored'],
      ]),
    );

    expect(verify({ ...rest, headers: shouted }).id).toBe(DELIVERY_ID);
  });
});

describe('verify, sha256= signature (no webhook-signature header)', () => {
  const sha256Only = (overrides: Partial<VerifyInput> = {}): VerifyInput => {
    const valid = signedDelivery(overrides);
    return { ...valid, headers: sha256OnlyHeaders(valid.headers) };
  };

  it('accepts a valid sha256= signature and passes on the (unsigned) delivery id', () => {
    expect(verify(sha256Only())).toEqual({ scheme: 'sha256', id: DELIVERY_ID });
  });

  it('accepts it without an id header, and accepts upper-case hex', () => {
    const valid = sha256Only();
    const signature = String(valid.headers['X-Webhook-Signature']).toUpperCase();
    const headers = { 'X-Webhook-Signature': signature };

    expect(verify({ ...valid, headers })).toEqual({ scheme: 'sha256' });
  });

  it('does not apply the tolerance: the header binds no timestamp', () => {
    expect(verify(sha256Only({ now: secondsAfterSending(86_400) })).scheme).toBe('sha256');
  });

  it('refuses a tampered body', () => {
    expect(refusal(sha256Only({ body: `${BODY} ` })).code).toBe('invalid_signature');
  });

  it('refuses a wrong secret', () => {
    expect(refusal(sha256Only({ secret: OTHER_SECRET })).code).toBe('invalid_signature');
  });

  it.each([
    'abc123',
    `sha1=${'a'.repeat(64)}`,
    `sha256=${'g'.repeat(64)}`,
    `sha256=${'a'.repeat(63)}`,
  ])('refuses the malformed signature %s', (signature) => {
    const valid = sha256Only();
    const headers = { ...valid.headers, 'X-Webhook-Signature': signature };
    expect(refusal({ ...valid, headers }).code).toBe('invalid_signature');
  });

  it('refuses a delivery with no signature header at all', () => {
    expect(refusal({ ...sha256Only(), headers: { 'X-Webhook-Id': DELIVERY_ID } }).code).toBe(
      'missing_headers',
    );
  });

  it('refuses an empty signature header as missing', () => {
    const valid = sha256Only();
    const headers = { ...valid.headers, 'X-Webhook-Signature': ' ' };
    expect(refusal({ ...valid, headers }).code).toBe('missing_headers');
  });

  it('is refused when the receiver requires the timestamped signature', () => {
    const error = refusal(sha256Only({ requireTimestampedSignature: true }));
    expect(error.code).toBe('missing_headers');
    expect(error.message).toMatch(/webhook-signature/);
    expect(error.name).toBe('WebhookVerificationError');
  });

  it('leaves the Standard Webhooks path untouched when timestamped signatures are required', () => {
    expect(verify(signedDelivery({ requireTimestampedSignature: true })).scheme).toBe(
      'standard-webhooks',
    );
  });
});
