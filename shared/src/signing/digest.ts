import { createHash, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** HMAC-SHA256 over the concatenation of `parts`, each a string (UTF-8) or raw bytes. */
export function hmacSha256(
  key: KeyObject,
  parts: readonly (string | Uint8Array)[],
  encoding: 'hex' | 'base64',
): string {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest(encoding);
}

/**
 * Constant-time string equality. Hashing both sides first gives equal-length inputs to
 * `timingSafeEqual`, so neither the content nor the length of the expected value leaks.
 */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
