import type { AnyBulkWriteOperation } from 'mongodb';
import type {
  ConversationDoc,
  HistoryEntry,
  Lease,
  MessageDoc,
  PendingMessageDoc,
} from './documents.js';
import { Coalescer, spans } from './coalescer.js';
import { bulkFailures, removeBatch, type Collections } from './mongo.js';

/** What an accepted message needs written: its conversation (made if new) and itself. */
export interface Acceptance {
  conversation: Omit<ConversationDoc, 'recent' | 'lease' | 'nextSeq' | 'updatedAt'>;
  message: PendingMessageDoc;
}

export interface TurnUpdate {
  id: string;
  owner: string;
  recent: HistoryEntry[];
  nextSeq: number;
  lease: Lease | null;
  at: Date;
}

function turnOperation(turn: TurnUpdate): AnyBulkWriteOperation<ConversationDoc> {
  return {
    updateOne: {
      filter: { _id: turn.id, 'lease.owner': turn.owner },
      update: {
        $set: { recent: turn.recent, nextSeq: turn.nextSeq, lease: turn.lease, updatedAt: turn.at },
      },
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

export type LeaseResult =
  | { state: 'taken'; conversation: ConversationDoc; previous: Lease | null }
  | { state: 'held' }
  | { state: 'missing' };

/** Conversations, the messages waiting for a reply, and the settled history. */
export class ConversationRepository {
  private readonly messageWrites: Coalescer<MessageDoc[], Error | null>;
  private readonly turnWrites: Coalescer<TurnUpdate, null>;
  private readonly finishes: Coalescer<string, null>;

  constructor(
    private readonly c: Pick<Collections, 'conversations' | 'pendingMessages' | 'messages'>,
  ) {
    this.messageWrites = new Coalescer((batches) => this.insertMessages(batches));
    this.turnWrites = new Coalescer(async (turns) => {
      await this.c.conversations.bulkWrite(turns.map(turnOperation), { ordered: false });
      return turns.map(() => null);
    });
    this.finishes = new Coalescer(async (ids) => {
      await this.c.pendingMessages.deleteMany({ _id: { $in: ids } });
      return ids.map(() => null);
    });
  }

  /**
   * Writes a batch of accepted messages: one bulk upsert of their conversations, then one
   * insert of the messages. Answers, per message, whether it is stored; throws when the
   * outcome is unknown (the store did not answer).
   */
  async accept(batch: readonly Acceptance[], at: Date): Promise<boolean[]> {
    const conversations = new Map(batch.map((item) => [item.conversation._id, item.conversation]));
    const upserts: AnyBulkWriteOperation<ConversationDoc>[] = [...conversations.values()].map(
      (conversation) => ({
        updateOne: {
          filter: { _id: conversation._id },
          // Only a new conversation is written: an existing one changes when its turn is
          // settled (updatedAt included), and rewriting its document here too cost the store
          // a third more document writes per message.
          update: {
            $setOnInsert: { ...conversation, nextSeq: 0, recent: [], lease: null, updatedAt: at },
          },
          upsert: true,
        },
      }),
    );
    const failedConversations = await this.writeConversations(upserts, [...conversations.keys()]);
    const stored = batch.map((item) => !failedConversations.has(item.conversation._id));
    const messages = batch.filter((_, index) => stored[index]).map((item) => item.message);
    if (messages.length === 0) return stored;
    const failedMessages = await this.insertIgnoringDuplicates(messages);
    const failedIds = new Set([...failedMessages].map((index) => messages[index]?._id));
    return batch.map((item, index) => stored[index] === true && !failedIds.has(item.message._id));
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

  private insertIgnoringDuplicates(docs: PendingMessageDoc[]): Promise<Set<number>> {
    return failedBeyondDuplicates(() =>
      this.c.pendingMessages.insertMany(docs, { ordered: false }),
    );
  }

  /**
   * Takes (or renews) the conversation for `lease.owner`, returning it as it was. A lease
   * another live owner holds is respected; an expired one is taken over.
   */
  async lease(id: string, lease: Lease, now: Date): Promise<LeaseResult> {
    const before = await this.c.conversations.findOneAndUpdate(
      {
        _id: id,
        $or: [{ lease: null }, { 'lease.until': { $lt: now } }, { 'lease.owner': lease.owner }],
      },
      { $set: { lease } },
    );
    if (before) return { state: 'taken', conversation: before, previous: before.lease };
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

  /** After a turn: the new recent history and counter, and the lease kept or released. */
  async settleTurn(turn: TurnUpdate): Promise<void> {
    await this.turnWrites.submit(turn);
  }

  async release(id: string, owner: string): Promise<void> {
    await this.c.conversations.updateOne(
      { _id: id, 'lease.owner': owner },
      { $set: { lease: null } },
    );
  }

  /** Settled messages, written once: a re-run after a crash finds them in place. */
  async recordMessages(docs: MessageDoc[]): Promise<void> {
    const error = await this.messageWrites.submit(docs);
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

  findMessage(id: string): Promise<MessageDoc | null> {
    return this.c.messages.findOne({ _id: id });
  }

  /** The message and its reply's first delivery attempts are done. */
  async finishPending(id: string): Promise<void> {
    await this.finishes.submit(id);
  }

  /** Unfinished messages accepted before `before` (the collection holds unfinished work only). */
  pendingBefore(before: Date, limit: number): Promise<PendingMessageDoc[]> {
    return this.c.pendingMessages
      .find({ acceptedAt: { $lt: before } })
      .limit(limit)
      .toArray();
  }

  async owned(id: string, workspaceId: string): Promise<ConversationDoc | undefined> {
    return (await this.c.conversations.findOne({ _id: id, workspaceId })) ?? undefined;
  }

  /** History oldest first, then the messages still waiting for their reply. */
  async transcript(
    conversationId: string,
  ): Promise<{ settled: MessageDoc[]; waiting: PendingMessageDoc[] }> {
    const [settled, waiting] = await Promise.all([
      this.c.messages.find({ conversationId }).sort({ seq: 1 }).toArray(),
      this.c.pendingMessages.find({ conversationId }).toArray(),
    ]);
    const answered = new Set(settled.map((message) => message._id));
    return {
      settled,
      waiting: waiting
        .filter((message) => !answered.has(message._id))
        .sort(
          (a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime() || (a._id < b._id ? -1 : 1),
        ),
    };
  }

  latestReplies(connectionId: string, limit: number): Promise<MessageDoc[]> {
    return this.c.messages
      .find({ connectionId, role: 'assistant' })
      .sort({ createdAt: -1 })
      .limit(limit)
      .toArray();
  }

  /** Messages of these connections still without a reply, e.g. when their chatbot is deleted. */
  async unansweredOf(connectionIds: readonly string[]): Promise<PendingMessageDoc[]> {
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
    return pending.filter((message) => !done.has(message._id) && !done.has(message.replyId));
  }

  /** Up to `limit` settled messages created before `cutoff` removed. */
  removeMessagesBefore(cutoff: Date, limit: number): Promise<number> {
    return removeBatch(this.c.messages, { createdAt: { $lt: cutoff } }, limit);
  }
}
