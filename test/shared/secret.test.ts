import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { generateSecret, isValidSecret } from '@fourthchat/shared';

describe('generateSecret', () => {
  it('is whsec_ and the base64 of 24 bytes', () => {
    const secret = generateSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(isValidSecret(secret)).toBe(true);
  });

  it('is accepted by the standardwebhooks package', () => {
    expect(() => new Webhook(generateSecret())).not.toThrow();
  });

  it('differs on every call', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateSecret()));
    expect(secrets.size).toBe(50);
  });
});

describe('isValidSecret', () => {
  it.each([
    ['a plain secret', 'my-secret', true],
    ['a whsec_ secret with padding', 'whsec_YWJjZA==', true],
    ['an empty secret', '', false],
    ['a bare whsec_', 'whsec_', false],
    ['a whsec_ secret with stray characters', 'whsec_YWJj!ZA==', false],
    ['a whsec_ secret with broken padding', 'whsec_YWJjZA', false],
  ])('%s → %s', (_label, secret, valid) => {
    expect(isValidSecret(secret)).toBe(valid);
  });
});
