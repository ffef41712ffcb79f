import { describe, expect, test } from '@jest/globals';
import type { ApiKey } from '../../../relay/src/model/workspace.js';
import { AlreadyExists } from '../../../relay/src/store/errors.js';
import type { Store } from '../../../relay/src/store/store.js';
import { at, race, T0, times, uid, type StoreBackend } from './fixtures.js';

function apiKey(workspaceId: string, fields: Partial<ApiKey> = {}): ApiKey {
  return {
    id: uid('key'),
    workspaceId,
    hash: uid('hash'),
    prefix: 'fc_abc',
    name: 'key',
    createdAt: T0,
    revokedAt: null,
    ...fields,
  };
}

export function workspaceTests(store: () => Store, backend: StoreBackend): void {
  describe('workspaces', () => {
    test('an empty store has no workspace; one created is there with its key', async () => {
      const fresh = await backend.open();
      try {
        expect(await fresh.workspaces.isEmpty()).toBe(true);
        const workspace = { id: uid('ws'), name: 'Acme', createdAt: T0 };
        const key = apiKey(workspace.id);
        await fresh.workspaces.create(workspace, key);

        expect(await fresh.workspaces.isEmpty()).toBe(false);
        expect(await fresh.workspaces.get(workspace.id)).toEqual(workspace);
        expect(await fresh.workspaces.ownerOfKey(key.hash)).toEqual({
          workspaceId: workspace.id,
          apiKeyId: key.id,
        });
      } finally {
        await backend.close(fresh);
      }
    });

    test('an unknown workspace or key is undefined', async () => {
      expect(await store().workspaces.get(uid('ws'))).toBeUndefined();
      expect(await store().workspaces.ownerOfKey(uid('hash'))).toBeUndefined();
    });

    test('active keys, oldest first; a revoked key owns nothing and is revoked once', async () => {
      const { workspaces } = store();
      const workspaceId = uid('ws');
      const later = apiKey(workspaceId, { createdAt: at(2_000) });
      const first = apiKey(workspaceId, { createdAt: at(1_000) });
      await workspaces.addKey(later);
      await workspaces.addKey(first);

      expect((await workspaces.activeKeys(workspaceId)).map((k) => k.id)).toEqual([
        first.id,
        later.id,
      ]);
      expect(await workspaces.revokeKey(first.id, uid('ws'), at(3_000))).toBe(false);
      expect(await workspaces.revokeKey(first.id, workspaceId, at(3_000))).toBe(true);
      expect(await workspaces.revokeKey(first.id, workspaceId, at(4_000))).toBe(false);
      expect(await workspaces.ownerOfKey(first.hash)).toBeUndefined();
      expect(await workspaces.activeKeys(workspaceId)).toEqual([later]);
    });

    test('a key whose id or hash is taken is AlreadyExists, also as a workspace is created', async () => {
      const { workspaces } = store();
      const key = apiKey(uid('ws'));
      await workspaces.addKey(key);

      await expect(workspaces.addKey({ ...key, hash: uid('hash') })).rejects.toThrow(AlreadyExists);
      await expect(workspaces.addKey({ ...key, id: uid('key') })).rejects.toThrow(AlreadyExists);
      const workspace = { id: uid('ws'), name: 'Twin', createdAt: T0 };
      await expect(
        workspaces.create(workspace, { ...key, id: uid('key'), workspaceId: workspace.id }),
      ).rejects.toThrow(AlreadyExists);
    });

    test('of many adding one key at once, exactly one wins; the others are AlreadyExists', async () => {
      const { workspaces } = store();
      const hash = uid('hash');
      const keys = times(12).map(() => apiKey(uid('ws'), { hash }));

      const { values, reasons } = await race(keys.map((key) => () => workspaces.addKey(key)));

      expect(values).toHaveLength(1);
      expect(reasons).toHaveLength(11);
      expect(reasons.every((reason) => reason instanceof AlreadyExists)).toBe(true);
      const owner = await workspaces.ownerOfKey(hash);
      expect(keys.filter((key) => key.id === owner?.apiKeyId)).toHaveLength(1);
    });
  });
}
