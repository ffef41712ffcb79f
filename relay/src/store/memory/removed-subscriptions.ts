import type { RemovedSubscription } from '../../model/subscription.js';
import { REMOVALS_SHOWN, type RemovedSubscriptionRepository } from '../removed-subscriptions.js';
import { answer, Table } from './table.js';

export class MemoryRemovedSubscriptionRepository implements RemovedSubscriptionRepository {
  private readonly removed = new Table<RemovedSubscription>('removedSubscriptions');

  record(removed: RemovedSubscription): Promise<void> {
    return answer(() => {
      if (!this.removed.get(removed.id)) this.removed.insert(removed);
    });
  }

  forConnection(connectionId: string): Promise<RemovedSubscription[]> {
    return answer(() =>
      this.removed
        .find((removed) => removed.connectionId === connectionId)
        .sort((a, b) => b.removedAt.getTime() - a.removedAt.getTime())
        .slice(0, REMOVALS_SHOWN),
    );
  }

  deleteForConnections(connectionIds: readonly string[]): Promise<void> {
    return answer(() => {
      this.removed.deleteWhere((removed) => connectionIds.includes(removed.connectionId));
    });
  }

  removeBefore(cutoff: Date, limit: number): Promise<number> {
    return answer(() => this.removed.deleteWhere((removed) => removed.removedAt < cutoff, limit));
  }
}
