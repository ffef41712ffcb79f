import type { RelayDeps } from '../deps.js';
import type { PendingMessage } from '../model/message.js';
import { Batcher } from '../store/batching.js';
import type { Acceptance } from '../store/conversations.js';

/** The store did not take the message: nothing was accepted, the client may send it again. */
export class NotStoredError extends Error {}

/**
 * Writes accepted messages that arrive together in one batch (one bulk upsert of their
 * conversations, one insert of the messages), one batch at a time: what arrives meanwhile is
 * the next batch. Each request is answered only after its batch is stored; a batch the store
 * refused fails every request in it. Stored messages go to `stored` (the worker).
 */
export class AcceptBatcher {
  private readonly batches: Batcher<Acceptance, boolean>;

  constructor(
    private readonly deps: Pick<RelayDeps, 'store' | 'clock' | 'logger'>,
    stored: (messages: PendingMessage[]) => void,
  ) {
    this.batches = new Batcher(
      async (batch) => {
        const written = await this.accept(batch);
        stored(batch.filter((_, index) => written[index]).map((item) => item.message));
        return written;
      },
      { serial: true },
    );
  }

  async submit(acceptance: Acceptance): Promise<void> {
    let written: boolean;
    try {
      written = await this.batches.submit(acceptance);
    } catch {
      throw new NotStoredError('the store did not answer');
    }
    if (!written) throw new NotStoredError('the store refused the message');
  }

  private async accept(batch: Acceptance[]): Promise<boolean[]> {
    try {
      return await this.deps.store.conversations.accept(batch, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error({ err: error, messages: batch.length }, 'accepted batch not stored');
      throw error;
    }
  }
}
