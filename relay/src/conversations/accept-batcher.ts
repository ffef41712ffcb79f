import type { RelayDeps } from '../deps.js';
import type { PendingMessage } from '../model/message.js';
import type { Acceptance } from '../store/conversations.js';

/** The store did not take the message: nothing was accepted, the client may send it again. */
export class NotStoredError extends Error {}

interface Waiting {
  acceptance: Acceptance;
  resolve(): void;
  reject(error: Error): void;
}

/** Bounds one write; more waiting messages go in the next batch. */
const MAX_BATCH = 500;

/**
 * Writes accepted messages that arrive together in one batch (one bulk upsert of their
 * conversations, one insert of the messages). Each request is answered only after its
 * batch is stored; a batch the store refused fails every request in it.
 */
export class AcceptBatcher {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly deps: Pick<RelayDeps, 'store' | 'clock' | 'logger'>,
    private readonly stored: (messages: PendingMessage[]) => void,
  ) {}

  submit(acceptance: Acceptance): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ acceptance, resolve, reject });
      // The first request of a batch waits one turn of the event loop for its companions.
      if (!this.writing && this.waiting.length === 1) setImmediate(() => void this.write());
    });
  }

  private async write(): Promise<void> {
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    const batch = this.waiting.splice(0, MAX_BATCH);
    try {
      const stored = await this.deps.store.conversations.accept(
        batch.map((item) => item.acceptance),
        this.deps.clock.now(),
      );
      const messages: PendingMessage[] = [];
      batch.forEach((item, index) => {
        if (stored[index]) {
          messages.push(item.acceptance.message);
          item.resolve();
        } else {
          item.reject(new NotStoredError('the store refused the message'));
        }
      });
      this.stored(messages);
    } catch (error) {
      this.deps.logger.error({ err: error, messages: batch.length }, 'accepted batch not stored');
      for (const item of batch) item.reject(new NotStoredError('the store did not answer'));
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) void this.write();
    }
  }
}
