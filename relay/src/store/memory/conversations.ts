import type { Conversation } from '../../model/conversation.js';
import type { Lease } from '../../model/lease.js';
import {
  transcriptOf,
  type Message,
  type PendingMessage,
  type Transcript,
} from '../../model/message.js';
import { turnChange } from '../../model/conversation-transitions.js';
import type { Acceptance, ConversationRepository, LeaseResult } from '../conversations.js';
import { answer, ownedBy, Table } from './table.js';

/** The tables of conversations and messages, shared with the message lookups. */
export interface ConversationTables {
  conversations: Table<Conversation>;
  pending: Table<PendingMessage>;
  messages: Table<Message>;
}

export function conversationTables(): ConversationTables {
  return {
    conversations: new Table('conversations'),
    pending: new Table('pendingMessages'),
    messages: new Table('messages'),
  };
}

/** Whether `owner` may take the conversation now: nobody holds it, its lease ran out, or it is the owner's. */
function free(conversation: Conversation, owner: string, now: Date): boolean {
  const { lease } = conversation;
  return lease === null || lease.until < now || lease.owner === owner;
}

const heldBy = (owner: string) => (conversation: Conversation) =>
  conversation.lease?.owner === owner;

export class MemoryConversationRepository implements ConversationRepository {
  constructor(private readonly t: ConversationTables) {}

  accept(batch: readonly Acceptance[], at: Date): Promise<boolean[]> {
    return answer(() => {
      // One conversation per id, as MongoDB's bulk upsert writes it; an existing one stays.
      const conversations = new Map(batch.map((item) => [item.conversation.id, item.conversation]));
      for (const conversation of conversations.values()) {
        if (this.t.conversations.get(conversation.id)) continue;
        this.t.conversations.insert({
          ...conversation,
          nextSeq: 0,
          recent: [],
          lease: null,
          updatedAt: at,
        });
      }
      // One stored before (the same request again) counts as stored.
      for (const { message } of batch) {
        if (!this.t.pending.get(message.id)) this.t.pending.insert(message);
      }
      return batch.map(() => true);
    });
  }

  lease(id: string, lease: Lease, now: Date): Promise<LeaseResult> {
    return answer((): LeaseResult => {
      const before = this.t.conversations.update(
        id,
        (conversation) => free(conversation, lease.owner, now),
        (conversation) => ({ ...conversation, lease }),
      );
      if (before) return { state: 'taken', conversation: before, previous: before.lease };
      return this.t.conversations.get(id) ? { state: 'held' } : { state: 'missing' };
    });
  }

  renewLease(id: string, lease: Lease): Promise<boolean> {
    return answer(() => {
      const before = this.t.conversations.update(id, heldBy(lease.owner), (conversation) => ({
        ...conversation,
        lease,
      }));
      return before !== undefined;
    });
  }

  settleTurn(owner: string, next: Conversation): Promise<void> {
    return answer(() => {
      this.t.conversations.update(next.id, heldBy(owner), (conversation) => ({
        ...conversation,
        ...turnChange(next),
      }));
    });
  }

  release(id: string, owner: string): Promise<void> {
    return answer(() => {
      this.t.conversations.update(id, heldBy(owner), (conversation) => ({
        ...conversation,
        lease: null,
      }));
    });
  }

  recordMessages(messages: Message[]): Promise<void> {
    return answer(() => {
      for (const message of messages) {
        if (!this.t.messages.get(message.id)) this.t.messages.insert(message);
      }
    });
  }

  findMessage(id: string): Promise<Message | undefined> {
    return answer(() => this.t.messages.get(id));
  }

  finishPending(id: string): Promise<void> {
    return answer(() => {
      this.t.pending.delete(id);
    });
  }

  pendingBefore(before: Date, limit: number): Promise<PendingMessage[]> {
    return answer(() =>
      this.t.pending.find((message) => message.acceptedAt < before).slice(0, limit),
    );
  }

  owned(id: string, workspaceId: string): Promise<Conversation | undefined> {
    return answer(() => ownedBy(this.t.conversations.get(id), workspaceId));
  }

  transcript(conversationId: string): Promise<Transcript> {
    return answer(() => {
      const ofIt = (message: { conversationId: string }) =>
        message.conversationId === conversationId;
      const settled = this.t.messages.find(ofIt).sort((a, b) => a.seq - b.seq);
      return transcriptOf(settled, this.t.pending.find(ofIt));
    });
  }

  latestReplies(connectionId: string, limit: number): Promise<Message[]> {
    return answer(() =>
      this.t.messages
        .find((message) => message.connectionId === connectionId && message.role === 'assistant')
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit),
    );
  }

  unansweredOf(connectionIds: readonly string[]): Promise<PendingMessage[]> {
    return answer(() =>
      this.t.pending.find(
        (message) =>
          connectionIds.includes(message.connectionId) &&
          !this.t.messages.get(message.id) &&
          !this.t.messages.get(message.replyId),
      ),
    );
  }

  removeMessagesBefore(cutoff: Date, limit: number): Promise<number> {
    return answer(() =>
      this.t.messages.deleteWhere((message) => message.createdAt < cutoff, limit),
    );
  }
}
