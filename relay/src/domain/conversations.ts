import type { RelayDeps } from '../app/deps.js';
import type { ConnectionDoc, ConversationDoc } from '../store/documents.js';
import { isDuplicateKey } from '../store/store.js';

/**
 * The conversation a new message belongs to, and the message's place in it.
 * The same (connection, userId) continues one conversation; no userId starts a new one.
 */
export async function conversationForMessage(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'ids'>,
  connection: ConnectionDoc,
  userId: string | undefined,
): Promise<{ conversation: ConversationDoc; seq: number }> {
  const key = userId === undefined ? undefined : JSON.stringify([connection._id, userId]);
  for (let tries = 0; ; tries++) {
    if (key !== undefined) {
      const existing = await deps.store.conversations.findOneAndUpdate(
        { key },
        { $inc: { nextSeq: 1 }, $set: { updatedAt: deps.clock.now() } },
        { returnDocument: 'before' },
      );
      if (existing) return { conversation: existing, seq: existing.nextSeq };
    }
    const id = deps.ids.next('conv');
    const now = deps.clock.now();
    const conversation: ConversationDoc = {
      _id: id,
      workspaceId: connection.workspaceId,
      connectionId: connection._id,
      chatbotId: connection.chatbotId,
      userId: userId ?? null,
      key: key ?? JSON.stringify([id]),
      nextSeq: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await deps.store.conversations.insertOne(conversation);
      return { conversation, seq: 0 };
    } catch (error) {
      // Two first messages of one user raced; the other insert won, so continue its conversation.
      if (!isDuplicateKey(error) || tries > 0) throw error;
    }
  }
}
