import { createHash } from 'node:crypto';
import type { IdGenerator } from '../deps.js';

/**
 * The conversation a new message belongs to. The same (connection, userId) always
 * continues one conversation, so its id derives from them: accepting a message needs no
 * read. Without a userId every message starts a conversation of its own.
 */
export function conversationIdFor(
  ids: IdGenerator,
  connectionId: string,
  userId: string | undefined,
): string {
  if (userId === undefined) return ids.next('conv');
  const digest = createHash('sha256').update(`${connectionId}\u0000${userId}`).digest('hex');
  return `conv_${digest.slice(0, 32)}`;
}
