import { EventEmitter } from 'node:events';
import type { RelayDeps } from '../deps.js';

export type ReplyOutcome =
  | { state: 'completed'; outgoing: string }
  | { state: 'failed'; error: string }
  | { state: 'timeout' };

type Settled = Exclude<ReplyOutcome, { state: 'timeout' }>;

/** Another instance may answer a message this one accepted: the store is asked this often. */
const STORE_POLL_MS = 1_000;
/** Outcomes are kept this long, so a wait that starts just after the reply still sees it. */
const REMEMBER_MS = 60_000;

/** A `?wait=true` request, registered before its message is submitted so no reply outruns it. */
export interface Waiter {
  /**
   * The outcome, or `timeout` (the 202). With a callback, a reply is returned only if this
   * process handed it to a live waiter; otherwise the callback has it and the answer is 202.
   */
  wait(replyId: string, timeoutMs: number, options: { callback: boolean }): Promise<ReplyOutcome>;
  /** The request ends without waiting (the message was not stored). */
  cancel(): void;
}

/**
 * Hands replies to `?wait=true` requests. The one place that decides whether a message's
 * waiting request or its callback gets the reply is `settled`: in one synchronous step it sees
 * whether a waiter is registered, records that it took the outcome, and wakes it; a waiter
 * that gives up unregisters in one synchronous step with its last look. So the worker sends
 * the callback exactly when no request answered 200 (or 424) with the outcome. The store is
 * polled too, for a reply made by another instance (whose callback decision was made there).
 */
export class ReplyWaits {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly recent = new Map<string, { outcome: Settled; taken: boolean; at: number }>();
  /** Question id → live waiters. */
  private readonly waiting = new Map<string, number>();
  private closing = false;

  constructor(private readonly deps: Pick<RelayDeps, 'store'>) {}

  /**
   * The worker, once a turn is recorded: true when a waiting request takes the outcome (then
   * no callback is sent for it).
   */
  settled(questionId: string, outcome: Settled): boolean {
    const now = performance.now();
    for (const [id, entry] of this.recent) {
      if (now - entry.at < REMEMBER_MS) break;
      this.recent.delete(id);
    }
    const taken = (this.waiting.get(questionId) ?? 0) > 0;
    this.recent.set(questionId, { outcome, taken, at: now });
    this.emitter.emit(questionId);
    return taken;
  }

  /** Shutting down: every wait ends now (with a timeout unless the reply is known). */
  close(): void {
    this.closing = true;
    for (const id of this.emitter.eventNames()) this.emitter.emit(id);
  }

  expect(questionId: string): Waiter {
    this.waiting.set(questionId, (this.waiting.get(questionId) ?? 0) + 1);
    let registered = true;
    const leave = () => {
      if (!registered) return;
      registered = false;
      const left = (this.waiting.get(questionId) ?? 1) - 1;
      if (left > 0) this.waiting.set(questionId, left);
      else this.waiting.delete(questionId);
    };
    return {
      wait: async (replyId, timeoutMs, options) => {
        try {
          const question = { id: questionId, replyId };
          return await this.waitFor(question, timeoutMs, options.callback, leave);
        } finally {
          leave();
        }
      },
      cancel: leave,
    };
  }

  /**
   * Every decision below is taken, and the waiter unregistered (`leave`), in the same
   * synchronous step as a look at `recent`, which `settled` writes: after each await the loop
   * starts again from that look.
   */
  private async waitFor(
    question: { id: string; replyId: string },
    timeoutMs: number,
    callback: boolean,
    leave: () => void,
  ): Promise<ReplyOutcome> {
    const decided = (outcome: ReplyOutcome) => {
      leave();
      return outcome;
    };
    const deadline = performance.now() + timeoutMs;
    let nextPoll = performance.now() + STORE_POLL_MS;
    let stored: Settled | undefined;
    for (;;) {
      const known = this.recent.get(question.id);
      if (known) return decided(known.taken || !callback ? known.outcome : { state: 'timeout' });
      // Answered by another instance, which had no waiter: with a callback, the callback has it.
      if (stored) return decided(callback ? { state: 'timeout' } : stored);
      const now = performance.now();
      if (now >= nextPoll) {
        stored = await this.read(question);
        nextPoll = performance.now() + STORE_POLL_MS;
        continue;
      }
      const left = deadline - now;
      if (left <= 0 || this.closing) return decided({ state: 'timeout' });
      await this.nextSignal(question.id, Math.min(left, nextPoll - now));
    }
  }

  private nextSignal(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(id, done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.emitter.once(id, done);
    });
  }

  private async read(question: { id: string; replyId: string }): Promise<Settled | undefined> {
    const { conversations } = this.deps.store;
    const reply = await conversations.findMessage(question.replyId);
    if (reply?.outgoing) return { state: 'completed', outgoing: reply.outgoing };
    const settled = await conversations.findMessage(question.id);
    if (settled?.status === 'failed') return { state: 'failed', error: settled.error ?? 'failed' };
    return undefined;
  }
}
