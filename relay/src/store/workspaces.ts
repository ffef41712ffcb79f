import type { TtlCache } from './cache.js';
import type { ApiKeyDoc, WorkspaceDoc } from './documents.js';
import type { Collections } from './mongo.js';

export interface KeyOwner {
  workspaceId: string;
  apiKeyId: string;
}

/** Workspaces and their API keys (stored as hashes). */
export class WorkspaceRepository {
  constructor(
    private readonly c: Pick<Collections, 'workspaces' | 'apiKeys'>,
    private readonly keys: TtlCache<KeyOwner>,
  ) {}

  async create(workspace: WorkspaceDoc, key: ApiKeyDoc): Promise<void> {
    await this.c.workspaces.insertOne(workspace);
    await this.addKey(key);
  }

  get(id: string): Promise<WorkspaceDoc | null> {
    return this.c.workspaces.findOne({ _id: id });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.c.workspaces.countDocuments({}, { limit: 1 })) === 0;
  }

  async addKey(key: ApiKeyDoc): Promise<void> {
    await this.c.apiKeys.insertOne(key);
  }

  /** Who a key (by its hash) belongs to; served from memory while cached. */
  async ownerOfKey(hash: string): Promise<KeyOwner | undefined> {
    const cached = this.keys.get(hash);
    if (cached) return cached;
    const found = await this.c.apiKeys.findOne({ hash, revokedAt: null });
    if (!found) return undefined;
    const owner = { workspaceId: found.workspaceId, apiKeyId: found._id };
    this.keys.set(hash, owner);
    return owner;
  }

  activeKeys(workspaceId: string): Promise<ApiKeyDoc[]> {
    return this.c.apiKeys.find({ workspaceId, revokedAt: null }).sort({ createdAt: 1 }).toArray();
  }

  /** False when the workspace has no such active key. */
  async revokeKey(id: string, workspaceId: string, at: Date): Promise<boolean> {
    const revoked = await this.c.apiKeys.findOneAndUpdate(
      { _id: id, workspaceId, revokedAt: null },
      { $set: { revokedAt: at } },
    );
    if (revoked) this.keys.delete(revoked.hash);
    return revoked !== null;
  }
}
