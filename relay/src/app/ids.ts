import { randomBytes } from 'node:crypto';
import { ID_TIME_CHARS, type IdGenerator } from '../deps.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Time-ordered ids: a base36 millisecond prefix, then 80 random bits. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next(prefix) {
      const bytes = randomBytes(16);
      let random = '';
      for (const byte of bytes) random += ALPHABET.charAt(byte % 36);
      return `${prefix}_${now().toString(36).padStart(ID_TIME_CHARS, '0')}${random}`;
    },
  };
}
