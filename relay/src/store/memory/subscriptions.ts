import type { EventType } from '@fourthchat/shared';
import type { Pause } from '../../model/pause.js';
import { termsOf, type Subscription } from '../../model/subscription.js';
import type { Subscribed, SubscriptionRef, SubscriptionRepository } from '../subscriptions.js';
import { answer, oldestFirst, ownedBy, Table } from './table.js';

/** A connection's URL is unique: `subscribe` renews the subscription that has it. */
export class MemorySubscriptionRepository implements SubscriptionRepository {
  private readonly subscriptions = new Table<Subscription>(
    'subscriptions',
    (subscription) => `${subscription.connectionId}\u0000${subscription.targetUrl}`,
  );

  forConnection(connectionId: string): Promise<Subscription[]> {
    return this.forConnections([connectionId]);
  }

  forConnections(connectionIds: readonly string[]): Promise<Subscription[]> {
    return answer(() =>
      oldestFirst(this.subscriptions.find((s) => connectionIds.includes(s.connectionId))),
    );
  }

  get(id: string): Promise<Subscription | undefined> {
    return answer(() => this.subscriptions.get(id));
  }

  owned(id: string, workspaceId: string): Promise<Subscription | undefined> {
    return answer(() => ownedBy(this.subscriptions.get(id), workspaceId));
  }

  setPause(ref: SubscriptionRef, pause: Pause | null): Promise<Subscription | undefined> {
    return answer(() =>
      this.subscriptions.update(
        ref.id,
        (subscription) => (pause ? subscription.paused === null : subscription.paused !== null),
        (subscription) => ({ ...subscription, paused: pause }),
      ),
    );
  }

  setEvents(ref: SubscriptionRef, events: EventType[]): Promise<Subscription | undefined> {
    return answer(() => {
      const before = this.subscriptions.update(
        ref.id,
        () => true,
        (subscription) => ({ ...subscription, events }),
      );
      return before && { ...before, events };
    });
  }

  pausedBefore(cutoff: Date): Promise<Subscription[]> {
    return answer(() => this.subscriptions.find((s) => s.paused !== null && s.paused.at < cutoff));
  }

  expiredBefore(now: Date): Promise<Subscription[]> {
    return answer(() => this.subscriptions.find((s) => s.expiresAt !== null && s.expiresAt < now));
  }

  subscribe(subscription: Subscription): Promise<Subscribed> {
    return answer(() => {
      const { connectionId, targetUrl } = subscription;
      const [existing] = this.subscriptions.find(
        (s) => s.connectionId === connectionId && s.targetUrl === targetUrl,
      );
      if (!existing) {
        this.subscriptions.insert(subscription);
        return { subscription, created: true, resumed: false };
      }
      const after = { ...existing, ...termsOf(subscription), paused: null };
      this.subscriptions.update(
        existing.id,
        () => true,
        () => after,
      );
      return { subscription: after, created: false, resumed: existing.paused !== null };
    });
  }

  delete(ref: SubscriptionRef): Promise<boolean> {
    return answer(() => this.subscriptions.delete(ref.id));
  }

  deleteForConnections(connectionIds: readonly string[]): Promise<void> {
    return answer(() => {
      this.subscriptions.deleteWhere((s) => connectionIds.includes(s.connectionId));
    });
  }
}
