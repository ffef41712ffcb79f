import { isPlainObject } from '@fourthchat/shared';
import { z } from 'zod';

/** Deeper than any real metadata, and far from where JSON.stringify runs out of stack. */
const MAX_DEPTH = 32;

/** Nesting depth of parsed JSON, counted without recursion: the input is untrusted. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The free-form `metadata` of an incoming message, echoed back with the reply. Checked but
 * passed on as parsed, never rebuilt: copying it key by key would turn a `__proto__` key
 * into a prototype and drop it, and metadata must round-trip exactly.
 */
export const metadata = z
  .custom<Record<string, unknown>>(isPlainObject, 'must be a JSON object')
  .refine(
    (value) => depthOf(value) <= MAX_DEPTH,
    `must not nest deeper than ${String(MAX_DEPTH)} levels`,
  );
