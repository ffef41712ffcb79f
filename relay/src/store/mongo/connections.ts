import { rotatedSecrets, type Connection, type ConnectionChanges } from '../../model/connection.js';
import type { Pause } from '../../model/pause.js';
import type { ConnectionRepository } from '../connections.js';
import type { TtlCache } from './cache.js';
import { insertNew, type Collections } from './database.js';
import { connectionOf, found, toDoc } from './mapping.js';

/** Ingress and delivery read connections through a short-lived cache. */
export class MongoConnectionRepository implements ConnectionRepository {
  constructor(
    private readonly c: Pick<Collections, 'connections'>,
    private readonly cache: TtlCache<Connection | null>,
  ) {}

  async list(filter: { workspaceId: string; chatbotId?: string }): Promise<Connection[]> {
    const docs = await this.c.connections.find(filter).sort({ createdAt: 1 }).toArray();
    return docs.map(connectionOf);
  }

  insert(connection: Connection): Promise<void> {
    return insertNew(this.c.connections, toDoc(connection));
  }

  /** Cached. */
  async get(id: string): Promise<Connection | undefined> {
    const found = await this.cache.read(id, async () => {
      const doc = await this.c.connections.findOne({ _id: id });
      return doc ? connectionOf(doc) : null;
    });
    return found ?? undefined;
  }

  async owned(id: string, workspaceId: string): Promise<Connection | undefined> {
    const connection = await this.get(id);
    return connection?.workspaceId === workspaceId ? connection : undefined;
  }

  async update(
    id: string,
    workspaceId: string,
    changes: ConnectionChanges,
    at: Date,
  ): Promise<Connection | undefined> {
    const before = await this.c.connections.findOneAndUpdate(
      { _id: id, workspaceId },
      { $set: { ...changes, updatedAt: at } },
    );
    this.cache.delete(id);
    return before ? { ...connectionOf(before), ...changes, updatedAt: at } : undefined;
  }

  async setWebhookPause(id: string, pause: Pause | null): Promise<Connection | undefined> {
    const before = await this.c.connections.findOneAndUpdate(
      { _id: id, webhookPaused: pause ? null : { $ne: null } },
      { $set: { webhookPaused: pause } },
    );
    this.cache.delete(id);
    return found(before, connectionOf);
  }

  async rotateSecret(
    connection: Connection,
    sealed: string,
    previousExpiresAt: Date,
    at: Date,
  ): Promise<boolean> {
    const rotated = rotatedSecrets(connection, sealed, previousExpiresAt, at);
    const result = await this.c.connections.updateOne(
      { _id: connection.id, secret: connection.secret },
      { $set: { ...rotated, updatedAt: at } },
    );
    this.cache.delete(connection.id);
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

  async anySealedSecret(): Promise<string | undefined> {
    const doc = await this.c.connections.findOne({}, { projection: { secret: 1 } });
    return doc?.secret;
  }
}
