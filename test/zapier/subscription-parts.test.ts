import { describe, expect, it } from '@jest/globals';
import { isValidSecret } from '../../zapier-app/src/shared/index.js';
import { subscriptionFilter } from '../../zapier-app/src/triggers/hook/filter.js';
import { hookSecret } from '../../zapier-app/src/triggers/hook/hook-secret.js';
import { renewalDate } from '../../zapier-app/src/triggers/hook/lifetime.js';

const HOOK = 'https://hooks.zapier.com/hooks/standard/1/abc/';

describe('hookSecret (one secret per hook URL, kept by every resubscribe)', () => {
  it('is a whsec_ secret of 32 bytes, the same for the same key and URL', () => {
    const secret = hookSecret('fck_key_1', HOOK);

    expect(isValidSecret(secret)).toBe(true);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(hookSecret('fck_key_1', HOOK)).toBe(secret);
  });

  it('differs for another hook URL and for another API key', () => {
    const secret = hookSecret('fck_key_1', HOOK);

    expect(hookSecret('fck_key_1', `${HOOK}x`)).not.toBe(secret);
    expect(hookSecret('fck_key_2', HOOK)).not.toBe(secret);
  });
});

describe('renewalDate (the expiration_date Zapier is given)', () => {
  it("is the relay's expiry less the grace, so Zapier renews before the relay removes", () => {
    const relayExpiry = '2024-01-25T10:30:00.000Z';

    expect(renewalDate(relayExpiry)).toBe('2024-01-22T10:30:00.000Z');
  });

  it('is absent when the relay gave no expiry, or one that is not a date', () => {
    expect(renewalDate(undefined)).toBeUndefined();
    expect(renewalDate('next week')).toBeUndefined();
  });
});

describe('subscriptionFilter (the trigger filters as the relay filter)', () => {
  it('takes the user id and the metadata pairs', () => {
    expect(subscriptionFilter({ userId: ' vip-1 ', metadata: { plan: 'pro', tier: '2' } })).toEqual(
      { userId: 'vip-1', metadata: { plan: 'pro', tier: '2' } },
    );
  });

  it('is absent when nothing is filtered, and leaves out blank user ids and keys', () => {
    expect(subscriptionFilter({})).toBeUndefined();
    expect(subscriptionFilter({ userId: '  ', metadata: {} })).toBeUndefined();
    expect(subscriptionFilter({ metadata: { ' ': 'x', plan: 'pro' } })).toEqual({
      metadata: { plan: 'pro' },
    });
  });
});
