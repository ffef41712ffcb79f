import type { TtlCache } from './cache.js';
import type { ConnectionDoc, Pause } from './documents.js';
import type { Collections } from './mongo.js';

/** Bounds the headers of a delivery signed during several quick rotations. */
export const MAX_PREVIOUS_SECRETS = 3;

export type ConnectionChanges = Partial<
  Pick<ConnectionDoc, 'name' | 'webhookUrl' | 'customHeaders' | 'enabled'>
>;

/** Custom Webhook connections; ingress and delivery read them through a short-lived cache. */
export class ConnectionRepository {
  constructor(
    private readonly c: Pick<Collections, 'connections'>,
    private readonly cache: TtlCache<ConnectionDoc | null>,
  ) {}

  list(filter: { workspaceId: string; chatbotId?: string }): Promise<ConnectionDoc[]> {
    return this.c.connections.find(filter).sort({ createdAt: 1 }).toArray();
  }

  async insert(doc: ConnectionDoc): Promise<void> {
    await this.c.connections.insertOne(doc);
  }

  /** By id, cached: every accepted message and every delivery attempt asks. */
  async get(id: string): Promise<ConnectionDoc | undefined> {
    return (await this.cache.read(id, () => this.c.connections.findOne({ _id: id }))) ?? undefined;
  }

  async owned(id: string, workspaceId: string): Promise<ConnectionDoc | undefined> {
    const doc = await this.get(id);
    return doc?.workspaceId === workspaceId ? doc : undefined;
  }

  /** Undefined when the connection is gone (also when deleted meanwhile). */
  async update(
    id: string,
    workspaceId: string,
    changes: ConnectionChanges,
    at: Date,
  ): Promise<ConnectionDoc | undefined> {
    const before = await this.c.connections.findOneAndUpdate(
      { _id: id, workspaceId },
      { $set: { ...changes, updatedAt: at } },
    );
    this.cache.delete(id);
    return before ? { ...before, ...changes, updatedAt: at } : undefined;
  }

  /**
   * Pauses (with `pause`) or resumes (null) the webhook URL, only if it is not so already:
   * the connection as it was when this call changed it, undefined when it changed nothing.
   */
  async setWebhookPause(id: string, pause: Pause | null): Promise<ConnectionDoc | undefined> {
    const before = await this.c.connections.findOneAndUpdate(
      { _id: id, webhookPaused: pause ? null : { $ne: null } },
      { $set: { webhookPaused: pause } },
    );
    this.cache.delete(id);
    return before ?? undefined;
  }

  /**
   * A new secret. The one it replaces co-signs until `previousExpiresAt`, and so do earlier
   * ones still inside their overlap, newest first, at most MAX_PREVIOUS_SECRETS of them.
   */
  async rotateSecret(
    doc: ConnectionDoc,
    sealed: string,
    previousExpiresAt: Date,
    at: Date,
  ): Promise<boolean> {
    const previousSecrets = [
      { sealed: doc.secret, expiresAt: previousExpiresAt },
      ...doc.previousSecrets.filter((previous) => previous.expiresAt > at),
    ].slice(0, MAX_PREVIOUS_SECRETS);
    const result = await this.c.connections.updateOne(
      { _id: doc._id, secret: doc.secret },
      { $set: { secret: sealed, previousSecrets, updatedAt: at } },
    );
    this.cache.delete(doc._id);
    return result.matchedCount > 0;
  }

  async delete(id: string, workspaceId: string): Promise<boolean> {
    const result = await this.c.connections.deleteOne({ _id: id, workspaceId });
    this.cache.delete(id);
    return result.deletedCount > 0;
  }

  async idsOfChatbot(chatbotId: string, workspaceId: string): Promise<string[]> {
    const docs = await this.c.connections
      .find({ chatbotId, workspaceId }, { projection: { _id: 1 } })
      .toArray();
    return docs.map((doc) => doc._id);
  }

  async deleteMany(ids: readonly string[]): Promise<void> {
    await this.c.connections.deleteMany({ _id: { $in: [...ids] } });
    for (const id of ids) this.cache.delete(id);
  }

  /** Any one sealed secret (the first stored), to check the secret key against at start. */
  async anySealedSecret(): Promise<string | undefined> {
    const doc = await this.c.connections.findOne({}, { projection: { secret: 1 } });
    return doc?.secret;
  }
}
