import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { sign } from '@fourthchat/shared';
import { BODY, DELIVERY_ID, SECRET, SENT_AT } from './signed-fixture.js';

describe('sign', () => {
  it('produces exactly the delivery headers of docs/CONTRACT.md', () => {
    const headers = sign({ secret: SECRET, id: DELIVERY_ID, now: SENT_AT, body: BODY });

    expect(Object.keys(headers).sort()).toEqual([
      'X-Webhook-Id',
      'X-Webhook-Signature',
      'X-Webhook-Timestamp',
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
    ]);
    expect(headers['X-Webhook-Id']).toBe(DELIVERY_ID);
    expect(headers['webhook-id']).toBe(DELIVERY_ID);
    expect(headers['X-Webhook-Timestamp']).toBe('2024-01-15T10:30:00Z');
    expect(headers['webhook-timestamp']).toBe('1705314600');
    expect(headers['X-Webhook-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('drops milliseconds so both timestamps name the same second', () => {
    const headers = sign({
      secret: SECRET,
      id: DELIVERY_ID,
      now: new Date('2024-01-15T10:30:00.999Z'),
      body: BODY,
    });

    expect(headers['X-Webhook-Timestamp']).toBe('2024-01-15T10:30:00Z');
    expect(headers['webhook-timestamp']).toBe('1705314600');
  });

  it("matches the spec's receiver example once sha256= is stripped", () => {
    const headers = sign({ secret: SECRET, id: DELIVERY_ID, now: SENT_AT, body: BODY });
    // The spec's verifySignature, fed the raw body (its troubleshooting section says to).
    const expectedSignature = createHmac('sha256', SECRET).update(BODY).digest('hex');

    expect(headers['X-Webhook-Signature']?.replace(/^sha256=/, '')).toBe(expectedSignature);
  });

  it('matches the Standard Webhooks reference vector', () => {
    const headers = sign({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      now: new Date(1614265330 * 1000),
      body: '{"test": 2432232314}',
    });

    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('keys a secret without whsec_ by its UTF-8 bytes', () => {
    const secret = 'plain-secret-ü';
    const headers = sign({ secret, id: DELIVERY_ID, now: SENT_AT, body: BODY });
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(`${DELIVERY_ID}.1705314600.${BODY}`)
      .digest('base64');

    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('adds one v1 entry per previous secret, current first, and signs sha256= with the current one', () => {
    const previous = 'whsec_' + Buffer.from('an older key of 24 bytes').toString('base64');
    const current = sign({ secret: SECRET, id: DELIVERY_ID, now: SENT_AT, body: BODY });
    const old = sign({ secret: previous, id: DELIVERY_ID, now: SENT_AT, body: BODY });

    const rotated = sign({
      secret: SECRET,
      previousSecrets: [previous, 'legacy'],
      id: DELIVERY_ID,
      now: SENT_AT,
      body: BODY,
    });

    const entries = rotated['webhook-signature']?.split(' ');
    expect(entries).toHaveLength(3);
    expect(entries?.[0]).toBe(current['webhook-signature']);
    expect(entries?.[1]).toBe(old['webhook-signature']);
    expect(rotated['X-Webhook-Signature']).toBe(current['X-Webhook-Signature']);
  });

  it.each([
    ['an empty secret', ''],
    ['a whsec_ secret without a key', 'whsec_'],
    ['a whsec_ secret that is not base64', 'whsec_not*base64!'],
  ])('refuses %s', (_label, secret) => {
    expect(() => sign({ secret, id: DELIVERY_ID, now: SENT_AT, body: BODY })).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => sign({ secret: SECRET, id: DELIVERY_ID, now: new Date(NaN), body: BODY })).toThrow(
      RangeError,
    );
  });
});
