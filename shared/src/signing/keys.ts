import { createSecretKey, type KeyObject } from 'node:crypto';

const STANDARD_SECRET_PREFIX = 'whsec_';
// Canonical padded base64, the form Standard Webhooks libraries decode; Node's lenient decoder
// would silently drop stray characters and sign with a key no other implementation derives.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whether a secret can sign and verify: non-empty and, when it is a `whsec_` secret, a non-empty
 * canonical base64 key after the prefix. An empty key would let anyone forge signatures.
 */
export function isValidSecret(secret: string): boolean {
  if (!secret.startsWith(STANDARD_SECRET_PREFIX)) return secret.length > 0;
  const encoded = secret.slice(STANDARD_SECRET_PREFIX.length);
  return encoded.length > 0 && BASE64.test(encoded);
}

/**
 * Throws a RangeError for a secret that {@link isValidSecret} refuses: a configuration error of the
 * caller, not a bad delivery.
 */
export function assertValidSecret(secret: string): void {
  if (!isValidSecret(secret)) {
    throw new RangeError(
      'webhook secret must be non-empty; a whsec_ secret needs a base64 key after the prefix',
    );
  }
}

/** Standard Webhooks signing key: the base64 after `whsec_`, else the secret's UTF-8 bytes. */
export function standardWebhooksKey(secret: string): KeyObject {
  assertValidSecret(secret);
  return secret.startsWith(STANDARD_SECRET_PREFIX)
    ? createSecretKey(secret.slice(STANDARD_SECRET_PREFIX.length), 'base64')
    : createSecretKey(secret, 'utf8');
}

/**
 * Key of the spec's `sha256=` signature: always the whole secret string as UTF-8, `whsec_` prefix
 * included, because that is what the spec's receiver example feeds to `createHmac`.
 */
export function specKey(secret: string): KeyObject {
  assertValidSecret(secret);
  return createSecretKey(secret, 'utf8');
}
