import type { TtlCache } from './cache.js';
import { DEFAULT_EVENT_TYPES, type EventType } from '@fourthchat/shared';
import type { Pause, SubscriptionDoc } from './documents.js';
import { isDuplicateKey, type Collections } from './mongo.js';

/** What subscribing a URL again replaces; everything but its identity and creation time. */
export type SubscriptionTerms = Pick<
  SubscriptionDoc,
  'secret' | 'events' | 'filter' | 'whileUnpublished' | 'expiresAt'
>;

export interface Subscribed {
  doc: SubscriptionDoc;
  created: boolean;
  /** It was paused, and this call resumed it (of callers at once, exactly one). */
  resumed: boolean;
}

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

  /** Subscriptions whose expiry is before `now` (the same hourly scan). */
  expiredBefore(now: Date): Promise<SubscriptionDoc[]> {
    return this.c.subscriptions.find({ expiresAt: { $ne: null, $lt: now } }).toArray();
  }

  async owned(id: string, workspaceId: string): Promise<SubscriptionDoc | undefined> {
    return (await this.c.subscriptions.findOne({ _id: id, workspaceId })) ?? undefined;
  }

  /**
   * Subscribes `doc.targetUrl`, or gives the existing subscription of that URL the new terms
   * and resumes it. One conditional write each way, so of requests at once for one URL one
   * creates it and, of those finding it paused, one resumes it.
   */
  async subscribe(doc: SubscriptionDoc): Promise<Subscribed> {
    this.cache.delete(doc.connectionId);
    const terms: SubscriptionTerms = {
      secret: doc.secret,
      events: eventsOf(doc),
      filter: doc.filter ?? null,
      whileUnpublished: doc.whileUnpublished ?? 'hold',
      expiresAt: doc.expiresAt ?? null,
    };
    const renew = async () => {
      const before = await this.c.subscriptions.findOneAndUpdate(
        { connectionId: doc.connectionId, targetUrl: doc.targetUrl },
        { $set: { ...terms, paused: null } },
      );
      if (!before) return undefined;
      const after = { ...before, ...terms, paused: null };
      return { doc: after, created: false, resumed: Boolean(before.paused) };
    };
    const existing = await renew();
    if (existing) return existing;
    try {
      await this.c.subscriptions.insertOne(doc);
      return { doc, created: true, resumed: false };
    } catch (error) {
      const raced = isDuplicateKey(error) ? await renew() : undefined;
      if (!raced) throw error;
      return raced;
    } finally {
      this.cache.delete(doc.connectionId);
    }
  }

  /** True when this call removed it (of removers at once, one). */
  async delete(doc: Pick<SubscriptionDoc, '_id' | 'connectionId'>): Promise<boolean> {
    const result = await this.c.subscriptions.deleteOne({ _id: doc._id });
    this.cache.delete(doc.connectionId);
    return result.deletedCount === 1;
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
