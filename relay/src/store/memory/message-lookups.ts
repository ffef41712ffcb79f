import type { FoundMessage, MessageLookupRepository } from '../message-lookups.js';
import type { ConversationTables } from './conversations.js';
import { answer } from './table.js';

export class MemoryMessageLookupRepository implements MessageLookupRepository {
  constructor(private readonly t: Pick<ConversationTables, 'pending' | 'messages'>) {}

  ownedQuestion(id: string, workspaceId: string): Promise<FoundMessage | undefined> {
    return answer((): FoundMessage | undefined => {
      const settled = this.t.messages.get(id);
      if (settled?.workspaceId === workspaceId && settled.role === 'user') {
        const reply = settled.replyId ? this.t.messages.get(settled.replyId) : undefined;
        return { state: 'settled', question: settled, reply };
      }
      const waiting = this.t.pending.get(id);
      return waiting?.workspaceId === workspaceId
        ? { state: 'waiting', question: waiting }
        : undefined;
    });
  }
}
