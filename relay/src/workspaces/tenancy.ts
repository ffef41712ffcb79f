import type { RelayDeps } from '../deps.js';
import { generateApiKey, hashApiKey, keyPrefix } from '../security/api-keys.js';
import type { ApiKey, KeyOwner } from '../model/workspace.js';
import { AlreadyExists } from '../store/errors.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'ids'>;

export function resolveApiKey(deps: Deps, key: string): Promise<KeyOwner | undefined> {
  return deps.store.workspaces.ownerOfKey(hashApiKey(key));
}

function newApiKey(deps: Deps, workspaceId: string, key: string, name: string): ApiKey {
  return {
    id: deps.ids.next('key'),
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
    { id: workspaceId, name, createdAt: deps.clock.now() },
    newApiKey(deps, workspaceId, apiKey, 'bootstrap'),
  );
  return { workspaceId, apiKey };
}

export async function createApiKey(
  deps: Deps,
  workspaceId: string,
  name: string,
): Promise<{ apiKey: ApiKey; key: string }> {
  const key = generateApiKey();
  const created = newApiKey(deps, workspaceId, key, name);
  await deps.store.workspaces.addKey(created);
  return { apiKey: created, key };
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
      if (!(error instanceof AlreadyExists)) throw error;
    }
  }
  if (bootstrapKeys.length > 0) return {};
  if (!(await deps.store.workspaces.isEmpty())) return {};
  const { apiKey } = await createWorkspace(deps, { name: 'My Workspace' });
  return { createdKey: apiKey };
}
