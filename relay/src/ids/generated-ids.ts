import { randomBytes } from 'node:crypto';

/** Characters of time after an id's prefix: ids made later sort later. */
export const ID_TIME_CHARS = 9;

export interface IdGenerator {
  /**
   * A new unique id such as `conn_2kq…`; the prefix tells the kind of object, the
   * `ID_TIME_CHARS` after it the time.
   */
  next(prefix: string): string;
}

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
