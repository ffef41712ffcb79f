import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { sign, verify } from '@fourthchat/shared';
import { BODY, DELIVERY_ID, SECRET, SENT_AT } from './signed-fixture.js';

// The standardwebhooks package reads Date.now() for its tolerance check.
beforeEach(() => {
  jest.useFakeTimers({ now: SENT_AT });
});
afterEach(() => {
  jest.useRealTimers();
});

const PLAIN_SECRET = 'a secret typed by a user, no whsec_';
const plainKey = new TextEncoder().encode(PLAIN_SECRET);

describe('interop with the standardwebhooks package', () => {
  it('their verify accepts our signature (whsec_ secret)', () => {
    const headers = sign({ secret: SECRET, id: DELIVERY_ID, now: SENT_AT, body: BODY });

    expect(new Webhook(SECRET).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('their verify accepts our signature (plain secret, as raw UTF-8 key)', () => {
    const headers = sign({ secret: PLAIN_SECRET, id: DELIVERY_ID, now: SENT_AT, body: BODY });

    expect(new Webhook(plainKey, { format: 'raw' }).verify(BODY, headers)).toEqual(
      JSON.parse(BODY),
    );
  });

  it('their verify accepts our rotated header signed with the old secret first', () => {
    const headers = sign({
      secret: 'whsec_' + Buffer.from('the new 24-byte key here').toString('base64'),
      previousSecrets: [SECRET],
      id: DELIVERY_ID,
      now: SENT_AT,
      body: BODY,
    });

    expect(new Webhook(SECRET).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('our verify accepts their signature (whsec_ secret)', () => {
    const signature = new Webhook(SECRET).sign(DELIVERY_ID, SENT_AT, BODY);
    const headers = {
      'webhook-id': DELIVERY_ID,
      'webhook-timestamp': String(SENT_AT.getTime() / 1000),
      'webhook-signature': signature,
    };

    expect(verify({ body: BODY, headers, secret: SECRET, now: SENT_AT })).toEqual({
      scheme: 'standard-webhooks',
      id: DELIVERY_ID,
      timestamp: SENT_AT,
    });
  });

  it('our verify accepts their signature (plain secret, as raw UTF-8 key)', () => {
    const signature = new Webhook(plainKey, { format: 'raw' }).sign(DELIVERY_ID, SENT_AT, BODY);
    const headers = {
      'webhook-id': DELIVERY_ID,
      'webhook-timestamp': String(SENT_AT.getTime() / 1000),
      'webhook-signature': signature,
    };

    expect(verify({ body: BODY, headers, secret: PLAIN_SECRET, now: SENT_AT }).id).toBe(
      DELIVERY_ID,
    );
  });
});

describe('secret rotation', () => {
  const NEW_SECRET = 'whsec_' + Buffer.from('rotated key, 24 bytes!!!').toString('base64');
  const rotated = sign({
    secret: NEW_SECRET,
    previousSecrets: [SECRET],
    id: DELIVERY_ID,
    now: SENT_AT,
    body: BODY,
  });

  it.each([
    ['the new secret', NEW_SECRET],
    ['the old secret', SECRET],
  ])('a receiver still holding %s accepts the overlap delivery', (_label, secret) => {
    expect(verify({ body: BODY, headers: rotated, secret, now: SENT_AT }).id).toBe(DELIVERY_ID);
  });

  it('after the overlap only the new secret signs', () => {
    const after = sign({ secret: NEW_SECRET, id: DELIVERY_ID, now: SENT_AT, body: BODY });

    expect(() => verify({ body: BODY, headers: after, secret: SECRET, now: SENT_AT })).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }),
    );
  });
});
