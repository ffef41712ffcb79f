import type { RelayDeps } from '../deps.js';
import { ReplyFailedError } from '../ai/responder.js';
import type { Chatbot } from '../model/chatbot.js';
import type { Conversation } from '../model/conversation.js';
import type { Lease } from '../model/lease.js';
import { isReply, type Message, type PendingMessage, type Reply } from '../model/message.js';
import { historyForAi } from './history.js';
import { afterTurn } from '../model/conversation-transitions.js';
import { outgoingBody } from './outgoing.js';
import type { ReplyWaits, ReplyOutcome } from './reply-waits.js';
import type { TurnDeliveries } from '../deliveries/turn-deliveries.js';
import { WorkGate } from './work-gate.js';

type Deps = Pick<
  RelayDeps,
  'store' | 'clock' | 'responder' | 'settings' | 'logger' | 'metrics' | 'secrets'
>;

/** Another instance holds the conversation: ask again after this, doubling, up to the lease. */
const HELD_RETRY_MS = 200;
/**
 * Conversations answered at once. A real AI takes seconds to reply, so this bounds how many
 * AI calls are under way, not the work: with 32 here and 2 s replies, answering capped at
 * 16 messages/s however idle the machine.
 */
const MAX_ACTIVE = 256;
/**
 * Of those, how many run their store and CPU work at once (the AI call is outside this).
 * Bounded so that answering cannot starve the ingress of the store and the CPU: a burst is
 * accepted at full speed and answered in turn. Fewer trade the answering rate for the
 * accept rate: measured on 2 busy cores with an instant AI, 4 gave 1.6-2x the accepts/s at
 * 64 callers but 4-5x the accept → delivered time at 100 messages/s, 8 still 1.6-3x that
 * time; 32 is what the worker allowed before the AI call left the count.
 */
const MAX_WORKING = 32;
/** Messages held in memory; beyond this they wait in the store for the recovery sweep. */
const MAX_QUEUED = 20_000;

interface Queue {
  messages: PendingMessage[];
  /** Some message may have been answered before (recovered after a crash): look first. */
  careful: boolean;
}

interface Turn {
  question: Message;
  reply: Reply | undefined;
  outcome: Exclude<ReplyOutcome, { state: 'timeout' }>;
}

/**
 * Answers the messages of each conversation in order, one at a time. Accepted messages
 * are handed over in process; a lease on the conversation keeps other instances out. If
 * this process dies, the lease expires and the recovery sweep hands the unfinished
 * messages to whoever is alive.
 */
export class ConversationWorker {
  private readonly queues = new Map<string, Queue>();
  /** Conversations with a queue whose turn has not come (at most MAX_ACTIVE run). */
  private readonly waiting: { conversationId: string; queue: Queue; heldRetries: number }[] = [];
  private active = 0;
  private readonly working = new WorkGate(MAX_WORKING);
  private queuedCount = 0;
  private readonly runs = new Set<Promise<void>>();
  /** Messages whose reply's first delivery attempts are under way here. */
  private readonly delivering = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: Deps,
    private readonly deliveries: TurnDeliveries,
    private readonly replies: ReplyWaits,
  ) {}

  /** Messages to answer; `recovered` ones may have been answered by a process that died. */
  enqueue(messages: readonly PendingMessage[], options: { recovered: boolean }): void {
    for (const message of messages) {
      if (this.delivering.has(message.id) || this.queuedCount >= MAX_QUEUED) continue;
      const queue = this.queues.get(message.conversationId);
      if (queue) {
        if (queue.messages.some((queued) => queued.id === message.id)) continue;
        queue.messages.push(message);
        this.queuedCount += 1;
        queue.careful ||= options.recovered;
        continue;
      }
      const fresh: Queue = { messages: [message], careful: options.recovered };
      this.queuedCount += 1;
      this.queues.set(message.conversationId, fresh);
      this.start(message.conversationId, fresh, 0);
    }
  }

  /** How many messages wait in this process. */
  queued(): number {
    return this.queuedCount;
  }

  async drain(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.runs]);
  }

  private start(conversationId: string, queue: Queue, heldRetries: number): void {
    if (this.active >= MAX_ACTIVE) {
      this.waiting.push({ conversationId, queue, heldRetries });
      return;
    }
    this.active += 1;
    const run = this.runGated(conversationId, queue, heldRetries).catch((error: unknown) => {
      this.forget(conversationId, queue);
      this.deps.logger.error({ err: error, conversationId }, 'conversation worker failed');
    });
    this.runs.add(run);
    void run.finally(() => {
      this.runs.delete(run);
      this.active -= 1;
      const next = this.waiting.shift();
      if (next) this.start(next.conversationId, next.queue, next.heldRetries);
    });
  }

  /** Drops a conversation's queue from memory; its messages stay pending in the store. */
  private forget(conversationId: string, queue: Queue): void {
    if (this.queues.get(conversationId) === queue) this.queues.delete(conversationId);
    this.queuedCount -= queue.messages.length;
    queue.messages.length = 0;
  }

  private lease(): Lease {
    return {
      owner: this.deps.settings.instanceId,
      until: new Date(this.deps.clock.now().getTime() + this.deps.settings.conversationLeaseMs),
    };
  }

  private async runGated(conversationId: string, queue: Queue, heldRetries: number): Promise<void> {
    await this.working.enter();
    try {
      await this.run(conversationId, queue, heldRetries);
    } finally {
      this.working.leave();
    }
  }

  private async run(conversationId: string, queue: Queue, heldRetries: number): Promise<void> {
    const { store, clock } = this.deps;
    while (queue.messages.length > 0) {
      const taken = await store.conversations.lease(conversationId, this.lease(), clock.now());
      if (taken.state !== 'taken') {
        const held = [...queue.messages];
        this.forget(conversationId, queue);
        if (taken.state === 'held')
          this.retryHeld(conversationId, held, queue.careful, heldRetries);
        else this.deps.logger.error({ conversationId }, 'messages for a missing conversation');
        return;
      }
      // `lease` on this copy says whether this process still holds the conversation.
      let conversation: Conversation = { ...taken.conversation, lease: this.lease() };
      const careful = queue.careful || taken.previous !== null;
      try {
        // A turn that found no message after it let the lease go with its settle; one that
        // came in meanwhile is answered under a lease taken again, by the loop around.
        for (let next = queue.messages[0]; next && conversation.lease; next = queue.messages[0]) {
          conversation = await this.answer(conversation, next, careful, queue);
          queue.messages.shift();
          this.queuedCount -= 1;
        }
      } catch (error) {
        await store.conversations.release(conversationId, this.deps.settings.instanceId);
        throw error;
      }
      if (conversation.lease) {
        await store.conversations.release(conversationId, this.deps.settings.instanceId);
      }
    }
    this.forget(conversationId, queue);
  }

  /** Messages stay stored as pending; this only shortens the wait for the lease holder. */
  private retryHeld(
    conversationId: string,
    messages: PendingMessage[],
    careful: boolean,
    tries: number,
  ): void {
    const delay = HELD_RETRY_MS * 2 ** tries;
    if (delay > this.deps.settings.conversationLeaseMs) return; // the recovery sweep takes it from here
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.queues.has(conversationId)) {
        this.enqueue(messages, { recovered: careful });
        return;
      }
      const queue: Queue = { messages, careful };
      this.queuedCount += messages.length;
      this.queues.set(conversationId, queue);
      this.start(conversationId, queue, tries + 1);
    }, delay);
    this.timers.add(timer);
  }

  private async answer(
    conversation: Conversation,
    question: PendingMessage,
    careful: boolean,
    queue: Queue,
  ): Promise<Conversation> {
    const { store, clock, settings } = this.deps;
    if (conversation.recent.some((entry) => entry.id === question.id)) {
      await this.deliverAgain(conversation, question);
      return conversation;
    }
    const chatbot = await store.chatbots.get(conversation.chatbotId);
    const turn =
      (careful ? await this.recordedTurn(conversation, question) : undefined) ??
      (await this.generate(conversation, question, chatbot));
    await store.conversations.recordMessages(
      turn.reply ? [turn.question, turn.reply] : [turn.question],
    );
    // Recorded: a waiting request may take the outcome now, and then the callback is not sent.
    const callbackTaken = this.replies.settled(question.id, turn.outcome);
    const firstAttempts = await this.deliveries.deliver({
      conversation,
      question,
      result: turn.reply ? { reply: turn.reply } : { failed: turn.question.error ?? 'failed' },
      callbackTaken,
    });
    const next = afterTurn(
      conversation,
      {
        question: turn.question,
        reply: turn.reply ?? null,
        at: clock.now(),
        // The question itself is still first in the queue until it is settled.
        lease: queue.messages.length > 1 ? this.lease() : null,
      },
      { historyLimit: chatbot?.historyLimit },
    );
    await store.conversations.settleTurn(settings.instanceId, next);
    this.finishAfter(question.id, firstAttempts);
    return next;
  }

  /** Calls the AI (renewing the lease meanwhile) and builds the turn to record. */
  private async generate(
    conversation: Conversation,
    question: PendingMessage,
    chatbot: Chatbot | undefined,
  ): Promise<Turn> {
    const { store, clock, responder, metrics, settings } = this.deps;
    if (!chatbot) {
      return this.failedTurn(
        conversation,
        question,
        'The chatbot was deleted before this message was answered',
      );
    }
    const renew = setInterval(() => {
      store.conversations.renewLease(conversation.id, this.lease()).catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'lease renewal failed');
      });
    }, this.deps.settings.conversationLeaseMs / 3);
    let content: string;
    try {
      const request = {
        model: chatbot.model || settings.defaultModel,
        systemPrompt: chatbot.systemPrompt,
        temperature: chatbot.temperature,
        history: historyForAi(conversation.recent, chatbot.historyLimit, question.content),
      };
      content = await this.working.outside(() => responder.reply(request));
    } catch (error) {
      const message = error instanceof ReplyFailedError ? error.message : 'The AI reply failed';
      this.deps.logger.warn({ err: error, messageId: question.id }, 'AI reply failed');
      metrics.replies.inc({ outcome: 'failed' });
      return this.failedTurn(conversation, question, message);
    } finally {
      clearInterval(renew);
    }
    metrics.replies.inc({ outcome: 'completed' });
    const createdAt = clock.now();
    const reply: Reply = {
      id: question.replyId,
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      connectionId: conversation.connectionId,
      // Right after its question: history and the conversation read in question-answer order.
      seq: conversation.nextSeq + 0.5,
      role: 'assistant',
      content,
      metadataJson: null,
      userId: question.userId,
      status: 'completed',
      error: null,
      replyId: null,
      outgoing: outgoingBody({
        connectionId: conversation.connectionId,
        conversationId: conversation.id,
        reply: { id: question.replyId, content, createdAt },
        question,
      }),
      createdAt,
    };
    return this.turnOf(conversation, question, reply);
  }

  /** The turn as a process that died after recording it left it, if it got that far. */
  private async recordedTurn(
    conversation: Conversation,
    question: PendingMessage,
  ): Promise<Turn | undefined> {
    const { conversations } = this.deps.store;
    const reply = await conversations.findMessage(question.replyId);
    if (reply && isReply(reply)) return this.turnOf(conversation, question, reply);
    const settled = await conversations.findMessage(question.id);
    return settled?.status === 'failed'
      ? this.failedTurn(conversation, question, settled.error ?? 'The AI reply failed')
      : undefined;
  }

  private turnOf(conversation: Conversation, question: PendingMessage, reply: Reply): Turn {
    return {
      question: settledQuestion(conversation, question, { status: 'completed', error: null }),
      reply,
      outcome: { state: 'completed', outgoing: reply.outgoing },
    };
  }

  private failedTurn(conversation: Conversation, question: PendingMessage, error: string): Turn {
    return {
      question: settledQuestion(conversation, question, { status: 'failed', error }),
      reply: undefined,
      outcome: { state: 'failed', error },
    };
  }

  /** A question answered before (its process died before finishing): its deliveries again. */
  private async deliverAgain(conversation: Conversation, question: PendingMessage): Promise<void> {
    const { conversations } = this.deps.store;
    const found = await conversations.findMessage(question.replyId);
    const reply = found && isReply(found) ? found : undefined;
    const failed = reply ? undefined : await conversations.findMessage(question.id);
    const result = reply
      ? { reply }
      : failed?.status === 'failed'
        ? { failed: failed.error ?? 'failed' }
        : undefined;
    const firstAttempts = result
      ? await this.deliveries.deliver({ conversation, question, result, callbackTaken: false })
      : [];
    this.finishAfter(question.id, firstAttempts);
  }

  /**
   * The message stays pending until every first attempt of its reply is made: that is
   * what lets the recovery sweep find a delivery whose process died before its attempt.
   */
  private finishAfter(questionId: string, firstAttempts: Promise<boolean>[]): void {
    this.delivering.add(questionId);
    const done = Promise.all(firstAttempts)
      .then(async (settled) => {
        if (settled.every(Boolean)) await this.deps.store.conversations.finishPending(questionId);
      })
      .catch((error: unknown) => {
        this.deps.logger.error(
          { err: error, messageId: questionId },
          'first delivery attempts failed',
        );
      })
      .finally(() => this.delivering.delete(questionId));
    this.runs.add(done);
    void done.finally(() => this.runs.delete(done));
  }
}

function settledQuestion(
  conversation: Conversation,
  question: PendingMessage,
  settled: Pick<Message, 'status' | 'error'>,
): Message {
  return {
    id: question.id,
    workspaceId: question.workspaceId,
    conversationId: question.conversationId,
    connectionId: question.connectionId,
    seq: conversation.nextSeq,
    role: 'user',
    content: question.content,
    metadataJson: question.metadataJson,
    userId: question.userId,
    ...settled,
    replyId: question.replyId,
    outgoing: null,
    createdAt: question.acceptedAt,
  };
}
