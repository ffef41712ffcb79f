import { EventEmitter } from 'node:events';
import type { RelayDeps } from '../app/deps.js';
import type { MessageDoc } from '../store/documents.js';

export type ReplyOutcome =
  | { state: 'completed'; outgoing: string }
  | { state: 'failed'; error: string }
  | { state: 'timeout' };

const STORE_POLL_MS = 250;

/**
 * Lets `?wait=true` requests wait for a reply: woken at once by this process's
 * worker, and polling the store so a reply made by another instance is seen too.
 */
export class ReplyEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private closing = false;

  constructor(private readonly deps: Pick<RelayDeps, 'store'>) {}

  settled(userMessageId: string): void {
    this.emitter.emit(userMessageId);
  }

  /** Shutting down: every wait ends now with what the store has (else a timeout). */
  close(): void {
    this.closing = true;
    for (const id of this.emitter.eventNames()) this.emitter.emit(id);
  }

  async wait(userMessageId: string, timeoutMs: number): Promise<ReplyOutcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outcome = await this.read(userMessageId);
      if (outcome) return outcome;
      const left = deadline - Date.now();
      if (left <= 0 || this.closing) return { state: 'timeout' };
      await this.nextSignal(userMessageId, Math.min(left, STORE_POLL_MS));
    }
  }

  private nextSignal(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(id, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once(id, done);
    });
  }

  private async read(userMessageId: string): Promise<ReplyOutcome | undefined> {
    const message = await this.deps.store.messages.findOne({ _id: userMessageId });
    if (!message || message.status === 'pending') return undefined;
    if (message.status === 'failed') return { state: 'failed', error: message.error ?? 'failed' };
    const reply: MessageDoc | null = await this.deps.store.messages.findOne({
      _id: message.replyId ?? '',
    });
    return reply?.outgoing ? { state: 'completed', outgoing: reply.outgoing } : undefined;
  }
}
