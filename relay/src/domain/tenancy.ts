import type { RelayDeps } from '../app/deps.js';
import { generateApiKey, hashApiKey, keyPrefix } from '../security/api-keys.js';
import type { ApiKeyDoc } from '../store/documents.js';
import { isDuplicateKey } from '../store/store.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'ids'>;

export interface ResolvedKey {
  workspaceId: string;
  apiKeyId: string;
}

export async function resolveApiKey(deps: Deps, key: string): Promise<ResolvedKey | undefined> {
  const found = await deps.store.apiKeys.findOne({ hash: hashApiKey(key), revokedAt: null });
  return found ? { workspaceId: found.workspaceId, apiKeyId: found._id } : undefined;
}

export async function createWorkspace(
  deps: Deps,
  { name, apiKey = generateApiKey() }: { name: string; apiKey?: string },
): Promise<{ workspaceId: string; apiKey: string }> {
  const workspaceId = deps.ids.next('ws');
  await deps.store.workspaces.insertOne({ _id: workspaceId, name, createdAt: deps.clock.now() });
  await insertKey(deps, workspaceId, apiKey, 'bootstrap');
  return { workspaceId, apiKey };
}

export async function createApiKey(
  deps: Deps,
  workspaceId: string,
  name: string,
): Promise<{ doc: ApiKeyDoc; key: string }> {
  const key = generateApiKey();
  return { doc: await insertKey(deps, workspaceId, key, name), key };
}

async function insertKey(deps: Deps, workspaceId: string, key: string, name: string) {
  const doc: ApiKeyDoc = {
    _id: deps.ids.next('key'),
    workspaceId,
    hash: hashApiKey(key),
    prefix: keyPrefix(key),
    name,
    createdAt: deps.clock.now(),
    revokedAt: null,
  };
  await deps.store.apiKeys.insertOne(doc);
  return doc;
}

/**
 * Makes sure each bootstrap key opens a workspace (idempotent across restarts);
 * with none configured, a first start on an empty store creates one and returns its key.
 */
export async function bootstrapTenancy(
  deps: Deps,
  bootstrapKeys: readonly string[],
): Promise<{ createdKey?: string }> {
  for (const [index, key] of bootstrapKeys.entries()) {
    if (await resolveApiKey(deps, key)) continue;
    try {
      await createWorkspace(deps, { name: `Workspace ${index + 1}`, apiKey: key });
    } catch (error) {
      // Another instance bootstrapped the same key at the same moment.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  if (bootstrapKeys.length > 0) return {};
  if ((await deps.store.workspaces.countDocuments({}, { limit: 1 })) > 0) return {};
  const { apiKey } = await createWorkspace(deps, { name: 'My Workspace' });
  return { createdKey: apiKey };
}
