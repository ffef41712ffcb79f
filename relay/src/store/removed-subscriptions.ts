import type { RemovedSubscriptionDoc } from './documents.js';
import { isDuplicateKey, removeBatch, type Collections } from './mongo.js';

/** How many removals of one connection the API shows. */
const SHOWN = 20;

/** Subscriptions the relay removed, so that their owners can see it (the page, the API). */
export class RemovedSubscriptionRepository {
  constructor(private readonly c: Pick<Collections, 'removedSubscriptions'>) {}

  /** A subscription id is removed once: a repeat (two relays at once) changes nothing. */
  async record(doc: RemovedSubscriptionDoc): Promise<void> {
    try {
      await this.c.removedSubscriptions.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** The connection's latest removals, newest first (a management read). */
  forConnection(connectionId: string): Promise<RemovedSubscriptionDoc[]> {
    return this.c.removedSubscriptions
      .find({ connectionId })
      .sort({ removedAt: -1 })
      .limit(SHOWN)
      .toArray();
  }

  async deleteForConnections(connectionIds: readonly string[]): Promise<void> {
    await this.c.removedSubscriptions.deleteMany({ connectionId: { $in: [...connectionIds] } });
  }

  /** Up to `limit` records of removals before `cutoff` removed (retention). */
  removeBefore(cutoff: Date, limit: number): Promise<number> {
    return removeBatch(this.c.removedSubscriptions, { removedAt: { $lt: cutoff } }, limit);
  }
}
