import type { ApiKey, KeyOwner, Workspace } from '../model/workspace.js';

/** Workspaces and their API keys (stored as hashes). */
export interface WorkspaceRepository {
  /** The workspace, then its first key; AlreadyExists when either is there already. */
  create(workspace: Workspace, key: ApiKey): Promise<void>;
  get(id: string): Promise<Workspace | undefined>;
  isEmpty(): Promise<boolean>;
  /** AlreadyExists when its id or its hash is taken: of adders of one key at once, one wins. */
  addKey(key: ApiKey): Promise<void>;
  /** Who an active key (by its hash) belongs to. */
  ownerOfKey(hash: string): Promise<KeyOwner | undefined>;
  /** Oldest first. */
  activeKeys(workspaceId: string): Promise<ApiKey[]>;
  /** False when the workspace has no such active key. */
  revokeKey(id: string, workspaceId: string, at: Date): Promise<boolean>;
}
