import type { EventType } from '@fourthchat/shared';
import type { Pause } from '../../model/pause.js';
import { termsOf, type Subscription } from '../../model/subscription.js';
import { AlreadyExists } from '../errors.js';
import type { Subscribed, SubscriptionRef, SubscriptionRepository } from '../subscriptions.js';
import type { TtlCache } from './cache.js';
import { insertNew, type Collections } from './database.js';
import { found, subscriptionOf, toDoc } from './mapping.js';

/** Fan-out reads a connection's list through a short-lived cache. */
export class MongoSubscriptionRepository implements SubscriptionRepository {
  constructor(
    private readonly c: Pick<Collections, 'subscriptions'>,
    private readonly cache: TtlCache<Subscription[]>,
  ) {}

  /** Cached. */
  forConnection(connectionId: string): Promise<Subscription[]> {
    return this.cache.read(connectionId, async () => {
      const docs = await this.c.subscriptions
        .find({ connectionId })
        .sort({ createdAt: 1 })
        .toArray();
      return docs.map(subscriptionOf);
    });
  }

  async forConnections(connectionIds: readonly string[]): Promise<Subscription[]> {
    if (connectionIds.length === 0) return [];
    const docs = await this.c.subscriptions
      .find({ connectionId: { $in: [...connectionIds] } })
      .sort({ createdAt: 1 })
      .toArray();
    return docs.map(subscriptionOf);
  }

  async get(id: string): Promise<Subscription | undefined> {
    return found(await this.c.subscriptions.findOne({ _id: id }), subscriptionOf);
  }

  async owned(id: string, workspaceId: string): Promise<Subscription | undefined> {
    return found(await this.c.subscriptions.findOne({ _id: id, workspaceId }), subscriptionOf);
  }

  async setPause(ref: SubscriptionRef, pause: Pause | null): Promise<Subscription | undefined> {
    const before = await this.c.subscriptions.findOneAndUpdate(
      { _id: ref.id, paused: pause ? null : { $ne: null } },
      { $set: { paused: pause } },
    );
    this.cache.delete(ref.connectionId);
    return found(before, subscriptionOf);
  }

  async setEvents(ref: SubscriptionRef, events: EventType[]): Promise<Subscription | undefined> {
    const before = await this.c.subscriptions.findOneAndUpdate(
      { _id: ref.id },
      { $set: { events } },
    );
    this.cache.delete(ref.connectionId);
    return before ? { ...subscriptionOf(before), events } : undefined;
  }

  async pausedBefore(cutoff: Date): Promise<Subscription[]> {
    const docs = await this.c.subscriptions.find({ 'paused.at': { $lt: cutoff } }).toArray();
    return docs.map(subscriptionOf);
  }

  async expiredBefore(now: Date): Promise<Subscription[]> {
    const docs = await this.c.subscriptions.find({ expiresAt: { $ne: null, $lt: now } }).toArray();
    return docs.map(subscriptionOf);
  }

  /** One conditional write each way (renew, or insert under the unique URL key). */
  async subscribe(subscription: Subscription): Promise<Subscribed> {
    const { connectionId, targetUrl } = subscription;
    this.cache.delete(connectionId);
    const terms = termsOf(subscription);
    const renew = async () => {
      const before = await this.c.subscriptions.findOneAndUpdate(
        { connectionId, targetUrl },
        { $set: { ...terms, paused: null } },
      );
      if (!before) return undefined;
      const after = { ...subscriptionOf(before), ...terms, paused: null };
      return { subscription: after, created: false, resumed: Boolean(before.paused) };
    };
    const existing = await renew();
    if (existing) return existing;
    try {
      await insertNew(this.c.subscriptions, toDoc(subscription));
      return { subscription, created: true, resumed: false };
    } catch (error) {
      const raced = error instanceof AlreadyExists ? await renew() : undefined;
      if (!raced) throw error;
      return raced;
    } finally {
      this.cache.delete(connectionId);
    }
  }

  async delete(ref: SubscriptionRef): Promise<boolean> {
    const result = await this.c.subscriptions.deleteOne({ _id: ref.id });
    this.cache.delete(ref.connectionId);
    return result.deletedCount === 1;
  }

  async deleteForConnections(connectionIds: readonly string[]): Promise<void> {
    await this.c.subscriptions.deleteMany({ connectionId: { $in: [...connectionIds] } });
    for (const id of connectionIds) this.cache.delete(id);
  }
}
