import type { TtlCache } from './cache.js';
import type { SubscriptionDoc } from './documents.js';
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

  get(id: string): Promise<SubscriptionDoc | null> {
    return this.c.subscriptions.findOne({ _id: id });
  }

  async owned(id: string, workspaceId: string): Promise<SubscriptionDoc | undefined> {
    return (await this.c.subscriptions.findOne({ _id: id, workspaceId })) ?? undefined;
  }

  /**
   * Subscribes `doc.targetUrl`, or gives the existing subscription of that URL the new
   * secret. `created` tells which; two such requests at once end as one subscription.
   */
  async subscribe(doc: SubscriptionDoc): Promise<{ doc: SubscriptionDoc; created: boolean }> {
    this.cache.delete(doc.connectionId);
    const resecret = async () => {
      const before = await this.c.subscriptions.findOneAndUpdate(
        { connectionId: doc.connectionId, targetUrl: doc.targetUrl },
        { $set: { secret: doc.secret } },
      );
      return before ? { doc: { ...before, secret: doc.secret }, created: false } : undefined;
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
