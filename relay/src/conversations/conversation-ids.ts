import type { IdGenerator } from '../ids/generated-ids.js';
import { derivedId } from '../ids/derived-ids.js';

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
