import type { ApiKey, KeyOwner, Workspace } from '../../model/workspace.js';
import type { WorkspaceRepository } from '../workspaces.js';
import { answer, oldestFirst, Table } from './table.js';

export class MemoryWorkspaceRepository implements WorkspaceRepository {
  private readonly workspaces = new Table<Workspace>('workspaces');
  private readonly keys = new Table<ApiKey>('apiKeys', (key) => key.hash);

  /** As in MongoDB: the workspace stays when its key is refused. */
  create(workspace: Workspace, key: ApiKey): Promise<void> {
    return answer(() => {
      this.workspaces.insert(workspace);
      this.keys.insert(key);
    });
  }

  get(id: string): Promise<Workspace | undefined> {
    return answer(() => this.workspaces.get(id));
  }

  isEmpty(): Promise<boolean> {
    return answer(() => this.workspaces.size === 0);
  }

  addKey(key: ApiKey): Promise<void> {
    return answer(() => {
      this.keys.insert(key);
    });
  }

  ownerOfKey(hash: string): Promise<KeyOwner | undefined> {
    return answer(() => {
      const [found] = this.keys.find((key) => key.hash === hash && key.revokedAt === null);
      return found && { workspaceId: found.workspaceId, apiKeyId: found.id };
    });
  }

  activeKeys(workspaceId: string): Promise<ApiKey[]> {
    return answer(() =>
      oldestFirst(
        this.keys.find((key) => key.workspaceId === workspaceId && key.revokedAt === null),
      ),
    );
  }

  revokeKey(id: string, workspaceId: string, at: Date): Promise<boolean> {
    return answer(() => {
      const revoked = this.keys.update(
        id,
        (key) => key.workspaceId === workspaceId && key.revokedAt === null,
        (key) => ({ ...key, revokedAt: at }),
      );
      return revoked !== undefined;
    });
  }
}
