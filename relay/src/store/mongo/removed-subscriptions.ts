import type { RemovedSubscription } from '../../model/subscription.js';
import { AlreadyExists } from '../errors.js';
import { REMOVALS_SHOWN, type RemovedSubscriptionRepository } from '../removed-subscriptions.js';
import { insertNew, removeBatch, type Collections } from './database.js';
import { fromDoc, toDoc } from './mapping.js';

export class MongoRemovedSubscriptionRepository implements RemovedSubscriptionRepository {
  constructor(private readonly c: Pick<Collections, 'removedSubscriptions'>) {}

  async record(removed: RemovedSubscription): Promise<void> {
    try {
      await insertNew(this.c.removedSubscriptions, toDoc(removed));
    } catch (error) {
      if (!(error instanceof AlreadyExists)) throw error;
    }
  }

  async forConnection(connectionId: string): Promise<RemovedSubscription[]> {
    const docs = await this.c.removedSubscriptions
      .find({ connectionId })
      .sort({ removedAt: -1 })
      .limit(REMOVALS_SHOWN)
      .toArray();
    return docs.map(fromDoc);
  }

  async deleteForConnections(connectionIds: readonly string[]): Promise<void> {
    await this.c.removedSubscriptions.deleteMany({ connectionId: { $in: [...connectionIds] } });
  }

  removeBefore(cutoff: Date, limit: number): Promise<number> {
    return removeBatch(this.c.removedSubscriptions, { removedAt: { $lt: cutoff } }, limit);
  }
}
