import type { ApiKey, KeyOwner, Workspace } from '../../model/workspace.js';
import type { WorkspaceRepository } from '../workspaces.js';
import type { TtlCache } from './cache.js';
import { insertNew, type Collections } from './database.js';
import { found, fromDoc, toDoc } from './mapping.js';

export class MongoWorkspaceRepository implements WorkspaceRepository {
  constructor(
    private readonly c: Pick<Collections, 'workspaces' | 'apiKeys'>,
    private readonly keys: TtlCache<KeyOwner>,
  ) {}

  async create(workspace: Workspace, key: ApiKey): Promise<void> {
    await insertNew(this.c.workspaces, toDoc(workspace));
    await this.addKey(key);
  }

  async get(id: string): Promise<Workspace | undefined> {
    return found(await this.c.workspaces.findOne({ _id: id }), fromDoc);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.c.workspaces.countDocuments({}, { limit: 1 })) === 0;
  }

  addKey(key: ApiKey): Promise<void> {
    return insertNew(this.c.apiKeys, toDoc(key));
  }

  /** Served from memory while cached. */
  async ownerOfKey(hash: string): Promise<KeyOwner | undefined> {
    const cached = this.keys.get(hash);
    if (cached) return cached;
    const found = await this.c.apiKeys.findOne({ hash, revokedAt: null });
    if (!found) return undefined;
    const owner = { workspaceId: found.workspaceId, apiKeyId: found._id };
    this.keys.set(hash, owner);
    return owner;
  }

  async activeKeys(workspaceId: string): Promise<ApiKey[]> {
    const docs = await this.c.apiKeys
      .find({ workspaceId, revokedAt: null })
      .sort({ createdAt: 1 })
      .toArray();
    return docs.map(fromDoc);
  }

  async revokeKey(id: string, workspaceId: string, at: Date): Promise<boolean> {
    const revoked = await this.c.apiKeys.findOneAndUpdate(
      { _id: id, workspaceId, revokedAt: null },
      { $set: { revokedAt: at } },
    );
    if (revoked) this.keys.delete(revoked.hash);
    return revoked !== null;
  }
}
