import type { RelayDeps } from '../app/deps.js';
import { ReplyFailedError } from '../ai/responder.js';
import type { ConversationDoc, MessageDoc } from '../store/documents.js';
import { isDuplicateKey } from '../store/store.js';
import type { DeliveryService } from './delivery-service.js';
import { createDeliveries } from './fan-out.js';
import { outgoingBody } from './outgoing.js';
import type { ReplyEvents } from './reply-events.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'responder' | 'settings' | 'logger' | 'metrics'>;

/** Renewed before each message, so a dead owner blocks its conversations briefly. */
const LEASE_MS = 30_000;

/**
 * Answers the messages of each conversation in order, one at a time. A lease on
 * the conversation keeps other instances out; if this process dies the lease
 * expires and the recovery sweep hands the conversation to whoever is alive.
 */
export class ConversationWorker {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly deps: Deps,
    private readonly deliveries: DeliveryService,
    private readonly events: ReplyEvents,
  ) {}

  /** Makes sure the conversation's pending messages get answered. */
  schedule(conversationId: string): void {
    const active = this.running.get(conversationId);
    if (active) {
      active.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = this.run(conversationId, entry)
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, conversationId }, 'conversation worker failed'),
      )
      .finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, entry);
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  private async run(conversationId: string, entry: { again: boolean }): Promise<void> {
    do {
      entry.again = false;
      const conversation = await this.lease(conversationId);
      if (!conversation) return;
      try {
        for (;;) {
          const next = await this.oldestPending(conversationId);
          if (!next) break;
          if (!(await this.lease(conversationId))) return;
          await this.answer(conversation, next);
        }
      } finally {
        await this.release(conversationId);
      }
    } while (entry.again);
  }

  /**
   * The pending message with the lowest seq, picked here rather than by a sorted findOne:
   * under load FerretDB was seen answering a sorted, limited query out of order.
   */
  private async oldestPending(conversationId: string): Promise<MessageDoc | undefined> {
    const pending = await this.deps.store.messages
      .find({ conversationId, role: 'user', status: 'pending' })
      .toArray();
    return pending.reduce<MessageDoc | undefined>(
      (oldest, message) => (oldest && oldest.seq <= message.seq ? oldest : message),
      undefined,
    );
  }

  /**
   * Leases live in a collection of their own: FerretDB rewrites a whole document on every
   * update, so a lease written to the conversation could undo a concurrent `nextSeq` $inc.
   */
  private async lease(conversationId: string): Promise<ConversationDoc | null> {
    const { store, clock, settings } = this.deps;
    const now = clock.now();
    const owner = settings.instanceId;
    const lease = { owner, until: new Date(now.getTime() + LEASE_MS) };
    const renewed = await store.conversationLeases.updateOne(
      { _id: conversationId, $or: [{ until: { $lt: now } }, { owner }] },
      { $set: lease },
    );
    if (renewed.matchedCount === 0) {
      try {
        await store.conversationLeases.insertOne({ _id: conversationId, ...lease });
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
    }
    return store.conversations.findOne({ _id: conversationId });
  }

  private async release(conversationId: string): Promise<void> {
    await this.deps.store.conversationLeases.deleteOne({
      _id: conversationId,
      owner: this.deps.settings.instanceId,
    });
  }

  private async answer(conversation: ConversationDoc, question: MessageDoc): Promise<void> {
    const { store } = this.deps;
    const replyId = question.replyId as string;
    const reply =
      (await store.messages.findOne({ _id: replyId })) ??
      (await this.generate(conversation, question));
    if (!reply) {
      this.events.settled(question._id);
      return;
    }
    const connection = await store.connections.findOne({ _id: conversation.connectionId });
    const deliveries = connection
      ? await createDeliveries(this.deps, {
          connection,
          sourceId: reply._id,
          kind: 'reply',
          messageId: reply._id,
          body: reply.outgoing as string,
        })
      : [];
    await store.messages.updateOne({ _id: question._id }, { $set: { status: 'completed' } });
    this.events.settled(question._id);
    for (const delivery of deliveries) this.deliveries.kick(delivery._id);
  }

  /** Calls the AI and stores the reply; undefined when the reply finally failed. */
  private async generate(
    conversation: ConversationDoc,
    question: MessageDoc,
  ): Promise<MessageDoc | undefined> {
    const { store, clock, responder, metrics } = this.deps;
    const chatbot = await store.chatbots.findOne({ _id: conversation.chatbotId });
    const historyLimit = chatbot?.historyLimit ?? 20;
    const earlier = await store.messages
      .find({ conversationId: conversation._id, seq: { $lt: question.seq }, status: 'completed' })
      .sort({ seq: -1 })
      .limit(historyLimit)
      .toArray();
    const history = [...earlier.reverse(), question].map((m) => ({
      role: m.role,
      content: m.content,
    }));
    let content: string;
    try {
      content = await responder.reply({
        model: chatbot?.model ?? this.deps.settings.defaultModel,
        systemPrompt: chatbot?.systemPrompt ?? '',
        temperature: chatbot?.temperature ?? 0.7,
        history,
      });
    } catch (error) {
      const message = error instanceof ReplyFailedError ? error.message : 'The AI reply failed';
      this.deps.logger.warn({ err: error, messageId: question._id }, 'AI reply failed');
      metrics.replies.inc({ outcome: 'failed' });
      await store.messages.updateOne(
        { _id: question._id },
        { $set: { status: 'failed', error: message } },
      );
      return undefined;
    }
    metrics.replies.inc({ outcome: 'completed' });
    const createdAt = clock.now();
    const reply: MessageDoc = {
      _id: question.replyId as string,
      workspaceId: conversation.workspaceId,
      conversationId: conversation._id,
      connectionId: conversation.connectionId,
      // Right after its question, before any later message that arrived meanwhile:
      // history and the conversation read in question-answer order.
      seq: question.seq + 0.5,
      role: 'assistant',
      content,
      metadataJson: null,
      userId: question.userId,
      status: 'completed',
      error: null,
      replyId: null,
      outgoing: outgoingBody({
        connectionId: conversation.connectionId,
        conversationId: conversation._id,
        reply: { id: question.replyId as string, content, createdAt },
        question,
      }),
      createdAt,
    };
    try {
      await store.messages.insertOne(reply);
      return reply;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await store.messages.findOne({ _id: reply._id })) ?? undefined;
    }
  }
}
