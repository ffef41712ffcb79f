import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'fck_';

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}

/** Keys carry 192 random bits, so a plain sha256 is a safe lookup hash (no slow KDF needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 4);
}
