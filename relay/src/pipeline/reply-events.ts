import { EventEmitter } from 'node:events';
import type { RelayDeps } from '../deps.js';

export type ReplyOutcome =
  | { state: 'completed'; outgoing: string }
  | { state: 'failed'; error: string }
  | { state: 'timeout' };

/** Another instance may answer a message this one accepted: the store is asked this often. */
const STORE_POLL_MS = 1_000;
/** Outcomes are kept this long, so a wait that starts just after the reply still sees it. */
const REMEMBER_MS = 60_000;

/**
 * Lets `?wait=true` requests wait for a reply: the worker hands the outcome over in
 * process, and the store is polled so a reply made by another instance is seen too.
 */
export class ReplyEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly recent = new Map<string, { outcome: ReplyOutcome; at: number }>();
  private closing = false;

  constructor(private readonly deps: Pick<RelayDeps, 'store'>) {}

  settled(questionId: string, outcome: ReplyOutcome): void {
    const now = performance.now();
    for (const [id, entry] of this.recent) {
      if (now - entry.at < REMEMBER_MS) break;
      this.recent.delete(id);
    }
    this.recent.set(questionId, { outcome, at: now });
    this.emitter.emit(questionId);
  }

  /** Shutting down: every wait ends now (with a timeout unless the reply is known). */
  close(): void {
    this.closing = true;
    for (const id of this.emitter.eventNames()) this.emitter.emit(id);
  }

  async wait(question: { id: string; replyId: string }, timeoutMs: number): Promise<ReplyOutcome> {
    const deadline = performance.now() + timeoutMs;
    let nextPoll = performance.now() + STORE_POLL_MS;
    for (;;) {
      const known = this.recent.get(question.id)?.outcome;
      if (known) return known;
      const now = performance.now();
      if (now >= nextPoll) {
        const stored = await this.read(question);
        if (stored) return stored;
        nextPoll = now + STORE_POLL_MS;
      }
      const left = deadline - performance.now();
      if (left <= 0 || this.closing) return { state: 'timeout' };
      await this.nextSignal(question.id, Math.min(left, nextPoll - performance.now()));
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

  private async read(question: { id: string; replyId: string }) {
    const { conversations } = this.deps.store;
    const reply = await conversations.findMessage(question.replyId);
    if (reply?.outgoing) return { state: 'completed', outgoing: reply.outgoing } as const;
    const settled = await conversations.findMessage(question.id);
    if (settled?.status === 'failed') {
      return { state: 'failed', error: settled.error ?? 'failed' } as const;
    }
    return undefined;
  }
}
