import type { TtlCache } from './cache.js';
import { DEFAULT_EVENT_TYPES, type EventType } from '@fourthchat/shared';
import type { Pause, SubscriptionDoc } from './documents.js';
import { isDuplicateKey, type Collections } from './mongo.js';

/** REST-hook subscriptions; fan-out reads a connection's list through a short-lived cache. */
export class SubscriptionRepository {
  constructor(
    private readonly c: Pick<Collections, 'subscriptions'>,
    private readonly cache: TtlCache<SubscriptionDoc[]>,
  ) {}

  /** Oldest first; cached, since every reply fans out to them. */
  forConnection(connectionId: string): Promise<SubscriptionDoc[]> {
    return this.cache.read(connectionId, () =>
      this.c.subscriptions.find({ connectionId }).sort({ createdAt: 1 }).toArray(),
    );
  }

  /** Of several connections, oldest first (the connection list's health). */
  forConnections(connectionIds: readonly string[]): Promise<SubscriptionDoc[]> {
    if (connectionIds.length === 0) return Promise.resolve([]);
    return this.c.subscriptions
      .find({ connectionId: { $in: [...connectionIds] } })
      .sort({ createdAt: 1 })
      .toArray();
  }

  get(id: string): Promise<SubscriptionDoc | null> {
    return this.c.subscriptions.findOne({ _id: id });
  }

  /**
   * Pauses (with `pause`) or resumes (null) a subscription, only if it is not so already:
   * the subscription as it was when this call changed it, undefined when it changed nothing.
   */
  async setPause(
    doc: Pick<SubscriptionDoc, '_id' | 'connectionId'>,
    pause: Pause | null,
  ): Promise<SubscriptionDoc | undefined> {
    const before = await this.c.subscriptions.findOneAndUpdate(
      { _id: doc._id, paused: pause ? null : { $ne: null } },
      { $set: { paused: pause } },
    );
    this.cache.delete(doc.connectionId);
    return before ?? undefined;
  }

  async setEvents(doc: SubscriptionDoc, events: EventType[]): Promise<SubscriptionDoc | undefined> {
    const before = await this.c.subscriptions.findOneAndUpdate(
      { _id: doc._id },
      { $set: { events } },
    );
    this.cache.delete(doc.connectionId);
    return before ? { ...before, events } : undefined;
  }

  /** Subscriptions paused before `cutoff` (an hourly maintenance scan of subscriptions). */
  pausedBefore(cutoff: Date): Promise<SubscriptionDoc[]> {
    return this.c.subscriptions.find({ 'paused.at': { $lt: cutoff } }).toArray();
  }

  async owned(id: string, workspaceId: string): Promise<SubscriptionDoc | undefined> {
    return (await this.c.subscriptions.findOne({ _id: id, workspaceId })) ?? undefined;
  }

  /**
   * Subscribes `doc.targetUrl`, or gives the existing subscription of that URL the new
   * secret and events. `created` tells which; two such requests at once end as one subscription.
   */
  async subscribe(doc: SubscriptionDoc): Promise<{ doc: SubscriptionDoc; created: boolean }> {
    this.cache.delete(doc.connectionId);
    const changed = { secret: doc.secret, events: eventsOf(doc) };
    const resecret = async () => {
      const before = await this.c.subscriptions.findOneAndUpdate(
        { connectionId: doc.connectionId, targetUrl: doc.targetUrl },
        { $set: changed },
      );
      return before ? { doc: { ...before, ...changed }, created: false } : undefined;
    };
    const existing = await resecret();
    if (existing) return existing;
    try {
      await this.c.subscriptions.insertOne(doc);
      return { doc, created: true };
    } catch (error) {
      const raced = isDuplicateKey(error) ? await resecret() : undefined;
      if (!raced) throw error;
      return raced;
    } finally {
      this.cache.delete(doc.connectionId);
    }
  }

  async delete(doc: Pick<SubscriptionDoc, '_id' | 'connectionId'>): Promise<void> {
    await this.c.subscriptions.deleteOne({ _id: doc._id });
    this.cache.delete(doc.connectionId);
  }

  async deleteForConnections(connectionIds: readonly string[]): Promise<void> {
    await this.c.subscriptions.deleteMany({ connectionId: { $in: [...connectionIds] } });
    for (const id of connectionIds) this.cache.delete(id);
  }
}

/** What a subscription receives; documents from before events existed receive replies only. */
export function eventsOf(doc: Pick<SubscriptionDoc, 'events'>): EventType[] {
  return doc.events ?? [...DEFAULT_EVENT_TYPES];
}
