import type { IdGenerator } from '../deps.js';
import { derivedId } from '../pipeline/derived-ids.js';

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
  return derivedId('conv', [connectionId, userId], 32);
}
