import type { TurnDeliveries } from '../deliveries/turn-deliveries.js';
import type { Conversation } from '../model/conversation.js';
import type { PendingMessage } from '../model/message.js';
import type { ReplyWaits } from './reply-waits.js';
import { freshLease, TurnAnswerer, type AnswerDeps } from './turn-answerer.js';
import { WorkGate } from './work-gate.js';

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
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly turns: TurnAnswerer;

  constructor(
    private readonly deps: AnswerDeps,
    deliveries: TurnDeliveries,
    replies: ReplyWaits,
  ) {
    this.turns = new TurnAnswerer(deps, deliveries, replies, this.working);
  }

  /** Messages to answer; `recovered` ones may have been answered by a process that died. */
  enqueue(messages: readonly PendingMessage[], options: { recovered: boolean }): void {
    for (const message of messages) {
      if (this.turns.isDelivering(message.id) || this.queuedCount >= MAX_QUEUED) continue;
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
    await this.turns.drain();
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
      const taken = await store.conversations.lease(
        conversationId,
        freshLease(this.deps),
        clock.now(),
      );
      if (taken.state !== 'taken') {
        const held = [...queue.messages];
        this.forget(conversationId, queue);
        if (taken.state === 'held')
          this.retryHeld(conversationId, held, queue.careful, heldRetries);
        else this.deps.logger.error({ conversationId }, 'messages for a missing conversation');
        return;
      }
      // `lease` on this copy says whether this process still holds the conversation.
      let conversation: Conversation = { ...taken.conversation, lease: freshLease(this.deps) };
      const careful = queue.careful || taken.previous !== null;
      try {
        // A turn that found no message after it let the lease go with its settle; one that
        // came in meanwhile is answered under a lease taken again, by the loop around.
        for (let next = queue.messages[0]; next && conversation.lease; next = queue.messages[0]) {
          conversation = await this.turns.answer(conversation, next, {
            careful,
            // The question itself is still first in the queue until it is settled.
            waitsAfter: () => queue.messages.length > 1,
          });
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
}
