import type { FoundMessage, MessageLookupRepository } from '../message-lookups.js';
import type { Collections } from './database.js';
import { fromDoc, pendingOf } from './mapping.js';

/** All by _id. */
export class MongoMessageLookupRepository implements MessageLookupRepository {
  constructor(private readonly c: Pick<Collections, 'pendingMessages' | 'messages'>) {}

  async ownedQuestion(id: string, workspaceId: string): Promise<FoundMessage | undefined> {
    const settled = await this.c.messages.findOne({ _id: id, workspaceId, role: 'user' });
    if (settled) {
      const reply = settled.replyId
        ? await this.c.messages.findOne({ _id: settled.replyId })
        : null;
      return {
        state: 'settled',
        question: fromDoc(settled),
        reply: reply ? fromDoc(reply) : undefined,
      };
    }
    const waiting = await this.c.pendingMessages.findOne({ _id: id, workspaceId });
    return waiting ? { state: 'waiting', question: pendingOf(waiting) } : undefined;
  }
}
