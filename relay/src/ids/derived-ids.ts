import { createHash } from 'node:crypto';
import { ID_TIME_CHARS } from './generated-ids.js';

function digest(parts: readonly string[], length: number): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, length);
}

/** An id that the same parts always give: a re-run finds what the first run stored. */
export function derivedId(prefix: string, parts: readonly string[], length = 26): string {
  return `${prefix}_${digest(parts, length)}`;
}

/**
 * A `derivedId` led by the time in `source`, an id of the `IdGenerator`: like the generator's
 * own ids, the ones made later sort later. The store keeps documents in `_id` order, so these
 * are appended at the end of its B-tree; a random id rewrites a random old page instead, which
 * costs a read of a cold page at every insert and leaves the store file's old chunks sparse
 * for the compactor to move, both growing with what is stored.
 */
export function timeLedId(prefix: string, source: string, parts: readonly string[]): string {
  const time = source.slice(source.indexOf('_') + 1).slice(0, ID_TIME_CHARS);
  return `${prefix}_${time}${digest([source, ...parts], 20)}`;
}
