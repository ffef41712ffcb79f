import type { AnyBulkWriteOperation } from 'mongodb';
import type { Conversation } from '../../model/conversation.js';
import type { Lease } from '../../model/lease.js';
import {
  transcriptOf,
  type Message,
  type PendingMessage,
  type Transcript,
} from '../../model/message.js';
import { Batcher, spans } from '../batching.js';
import { turnChange } from '../../model/conversation-transitions.js';
import type { Acceptance, ConversationRepository, LeaseResult } from '../conversations.js';
import { bulkFailures, removeBatch, type Collections } from './database.js';
import type { ConversationDoc, MessageDoc } from './documents.js';
import {
  conversationOf,
  found,
  fromDoc,
  newConversationDoc,
  pendingDoc,
  pendingOf,
  toDoc,
} from './mapping.js';

/** A settled turn, by the lease holder. */
interface Turn {
  owner: string;
  next: Conversation;
}

function turnOperation({ owner, next }: Turn): AnyBulkWriteOperation<ConversationDoc> {
  return {
    updateOne: {
      filter: { _id: next.id, 'lease.owner': owner },
      update: { $set: turnChange(next) },
    },
  };
}

/** Positions of an unordered bulk write that failed for a reason other than an existing _id. */
async function failedBeyondDuplicates(write: () => Promise<unknown>): Promise<Set<number>> {
  try {
    await write();
    return new Set();
  } catch (error) {
    const failures = bulkFailures(error);
    if (!failures) throw error;
    return new Set(failures.others);
  }
}

/** Conversations (`conversations`), waiting messages (`pendingMessages`) and history (`messages`). */
export class MongoConversationRepository implements ConversationRepository {
  private readonly messageWrites: Batcher<MessageDoc[], Error | null>;
  private readonly turnWrites: Batcher<Turn, null>;
  private readonly finishes: Batcher<string, null>;

  constructor(
    private readonly c: Pick<Collections, 'conversations' | 'pendingMessages' | 'messages'>,
  ) {
    this.messageWrites = new Batcher((batches) => this.insertMessages(batches));
    this.turnWrites = new Batcher(async (turns) => {
      await this.c.conversations.bulkWrite(turns.map(turnOperation), { ordered: false });
      return turns.map(() => null);
    });
    this.finishes = new Batcher(async (ids) => {
      await this.c.pendingMessages.deleteMany({ _id: { $in: ids } });
      return ids.map(() => null);
    });
  }

  /** One bulk upsert of the conversations, then one insert of the messages. */
  async accept(batch: readonly Acceptance[], at: Date): Promise<boolean[]> {
    const conversations = new Map(batch.map((item) => [item.conversation.id, item.conversation]));
    const upserts: AnyBulkWriteOperation<ConversationDoc>[] = [...conversations.values()].map(
      (conversation) => ({
        updateOne: {
          filter: { _id: conversation.id },
          // Only a new conversation is written: an existing one changes when its turn is
          // settled (updatedAt included), and rewriting its document here too cost the store
          // a third more document writes per message.
          update: {
            $setOnInsert: {
              ...newConversationDoc(conversation),
              nextSeq: 0,
              recent: [],
              lease: null,
              updatedAt: at,
            },
          },
          upsert: true,
        },
      }),
    );
    const failedConversations = await this.writeConversations(upserts, [...conversations.keys()]);
    const stored = batch.map((item) => !failedConversations.has(item.conversation.id));
    const messages = batch.filter((_, index) => stored[index]).map((item) => item.message);
    if (messages.length === 0) return stored;
    const failedMessages = await failedBeyondDuplicates(() =>
      this.c.pendingMessages.insertMany(messages.map(pendingDoc), { ordered: false }),
    );
    const failedIds = new Set([...failedMessages].map((index) => messages[index]?.id));
    return batch.map((item, index) => stored[index] === true && !failedIds.has(item.message.id));
  }

  private async writeConversations(
    operations: AnyBulkWriteOperation<ConversationDoc>[],
    ids: string[],
  ): Promise<Set<string>> {
    // Two instances upserting one new conversation at once: the loser's duplicate is fine.
    const failed = await failedBeyondDuplicates(() =>
      this.c.conversations.bulkWrite(operations, { ordered: false }),
    );
    return new Set([...failed].map((index) => ids[index] as string));
  }

  async lease(id: string, lease: Lease, now: Date): Promise<LeaseResult> {
    const before = await this.c.conversations.findOneAndUpdate(
      {
        _id: id,
        $or: [{ lease: null }, { 'lease.until': { $lt: now } }, { 'lease.owner': lease.owner }],
      },
      { $set: { lease } },
    );
    if (before)
      return { state: 'taken', conversation: conversationOf(before), previous: before.lease };
    const exists = await this.c.conversations.countDocuments({ _id: id }, { limit: 1 });
    return exists ? { state: 'held' } : { state: 'missing' };
  }

  async renewLease(id: string, lease: Lease): Promise<boolean> {
    const result = await this.c.conversations.updateOne(
      { _id: id, 'lease.owner': lease.owner },
      { $set: { lease } },
    );
    return result.matchedCount > 0;
  }

  /** Merged with the turns settled in the same turn of the event loop: one bulk write. */
  async settleTurn(owner: string, next: Conversation): Promise<void> {
    await this.turnWrites.submit({ owner, next });
  }

  async release(id: string, owner: string): Promise<void> {
    await this.c.conversations.updateOne(
      { _id: id, 'lease.owner': owner },
      { $set: { lease: null } },
    );
  }

  async recordMessages(messages: Message[]): Promise<void> {
    const error = await this.messageWrites.submit(messages.map(toDoc));
    if (error) throw error;
  }

  private async insertMessages(batches: MessageDoc[][]): Promise<(Error | null)[]> {
    try {
      await this.c.messages.insertMany(batches.flat(), { ordered: false });
      return batches.map(() => null);
    } catch (error) {
      const failures = bulkFailures(error);
      if (!failures) throw error;
      const failed = new Set(failures.others);
      return spans(batches.map((batch) => batch.length)).map(({ from, to }) => {
        for (let index = from; index < to; index++) {
          if (failed.has(index)) return error as Error;
        }
        return null;
      });
    }
  }

  async findMessage(id: string): Promise<Message | undefined> {
    return found(await this.c.messages.findOne({ _id: id }), fromDoc);
  }

  /** Merged with the others of the same turn of the event loop: one delete. */
  async finishPending(id: string): Promise<void> {
    await this.finishes.submit(id);
  }

  async pendingBefore(before: Date, limit: number): Promise<PendingMessage[]> {
    const docs = await this.c.pendingMessages
      .find({ acceptedAt: { $lt: before } })
      .limit(limit)
      .toArray();
    return docs.map(pendingOf);
  }

  async owned(id: string, workspaceId: string): Promise<Conversation | undefined> {
    return found(await this.c.conversations.findOne({ _id: id, workspaceId }), conversationOf);
  }

  async transcript(conversationId: string): Promise<Transcript> {
    const [settled, waiting] = await Promise.all([
      this.c.messages.find({ conversationId }).sort({ seq: 1 }).toArray(),
      this.c.pendingMessages.find({ conversationId }).toArray(),
    ]);
    return transcriptOf(settled.map(fromDoc), waiting.map(pendingOf));
  }

  async latestReplies(connectionId: string, limit: number): Promise<Message[]> {
    const docs = await this.c.messages
      .find({ connectionId, role: 'assistant' })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }

  async unansweredOf(connectionIds: readonly string[]): Promise<PendingMessage[]> {
    const pending = await this.c.pendingMessages
      .find({ connectionId: { $in: [...connectionIds] } })
      .toArray();
    if (pending.length === 0) return [];
    const settled = await this.c.messages
      .find(
        { _id: { $in: pending.flatMap((message) => [message._id, message.replyId]) } },
        { projection: { _id: 1 } },
      )
      .toArray();
    const done = new Set(settled.map((doc) => doc._id));
    return pending
      .filter((message) => !done.has(message._id) && !done.has(message.replyId))
      .map(pendingOf);
  }

  removeMessagesBefore(cutoff: Date, limit: number): Promise<number> {
    return removeBatch(this.c.messages, { createdAt: { $lt: cutoff } }, limit);
  }
}
