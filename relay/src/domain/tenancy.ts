import type { RelayDeps } from '../deps.js';
import { generateApiKey, hashApiKey, keyPrefix } from '../security/api-keys.js';
import type { ApiKeyDoc } from '../store/documents.js';
import { isDuplicateKey } from '../store/mongo.js';
import type { KeyOwner } from '../store/workspaces.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'ids'>;

export function resolveApiKey(deps: Deps, key: string): Promise<KeyOwner | undefined> {
  return deps.store.workspaces.ownerOfKey(hashApiKey(key));
}

function keyDoc(deps: Deps, workspaceId: string, key: string, name: string): ApiKeyDoc {
  return {
    _id: deps.ids.next('key'),
    workspaceId,
    hash: hashApiKey(key),
    prefix: keyPrefix(key),
    name,
    createdAt: deps.clock.now(),
    revokedAt: null,
  };
}

export async function createWorkspace(
  deps: Deps,
  { name, apiKey = generateApiKey() }: { name: string; apiKey?: string },
): Promise<{ workspaceId: string; apiKey: string }> {
  const workspaceId = deps.ids.next('ws');
  await deps.store.workspaces.create(
    { _id: workspaceId, name, createdAt: deps.clock.now() },
    keyDoc(deps, workspaceId, apiKey, 'bootstrap'),
  );
  return { workspaceId, apiKey };
}

export async function createApiKey(
  deps: Deps,
  workspaceId: string,
  name: string,
): Promise<{ doc: ApiKeyDoc; key: string }> {
  const key = generateApiKey();
  const doc = keyDoc(deps, workspaceId, key, name);
  await deps.store.workspaces.addKey(doc);
  return { doc, key };
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
      await createWorkspace(deps, { name: `Workspace ${String(index + 1)}`, apiKey: key });
    } catch (error) {
      // Another instance bootstrapped the same key at the same moment.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  if (bootstrapKeys.length > 0) return {};
  if (!(await deps.store.workspaces.isEmpty())) return {};
  const { apiKey } = await createWorkspace(deps, { name: 'My Workspace' });
  return { createdKey: apiKey };
}
