import { describe, expect, test } from '@jest/globals';
import { AlreadyExists } from '../../../relay/src/store/errors.js';
import type { Store } from '../../../relay/src/store/store.js';
import { at, connection, race, times, uid, type StoreBackend } from './fixtures.js';

export function connectionTests(store: () => Store, backend: StoreBackend): void {
  describe('connections', () => {
    test('inserted, read, listed oldest first by workspace and chatbot', async () => {
      const { connections } = store();
      const workspaceId = uid('ws');
      const chatbotId = uid('bot');
      const second = connection({ workspaceId, chatbotId, createdAt: at(2_000) });
      const first = connection({ workspaceId, chatbotId, createdAt: at(1_000) });
      const otherBot = connection({ workspaceId, createdAt: at(3_000) });
      for (const each of [second, first, otherBot]) await connections.insert(each);

      expect(await connections.get(first.id)).toEqual(first);
      expect(await connections.owned(first.id, workspaceId)).toEqual(first);
      expect(await connections.owned(first.id, uid('ws'))).toBeUndefined();
      expect(await connections.list({ workspaceId })).toEqual([first, second, otherBot]);
      expect(await connections.list({ workspaceId, chatbotId })).toEqual([first, second]);
      expect(await connections.idsOfChatbot(chatbotId, workspaceId)).toEqual(
        expect.arrayContaining([first.id, second.id]),
      );
      expect(await connections.idsOfChatbot(chatbotId, uid('ws'))).toEqual([]);
      await expect(connections.insert(first)).rejects.toThrow(AlreadyExists);
    });

    test('an update answers the connection after it; none for another workspace', async () => {
      const { connections } = store();
      const stored = connection();
      await connections.insert(stored);
      const changes = { name: 'Renamed', enabled: false };

      expect(await connections.update(stored.id, uid('ws'), changes, at(1))).toBeUndefined();
      const after = await connections.update(stored.id, stored.workspaceId, changes, at(1));

      expect(after).toEqual({ ...stored, ...changes, updatedAt: at(1) });
      expect(await connections.get(stored.id)).toEqual(after);
    });

    test('pausing and resuming the webhook URL changes it once each way', async () => {
      const { connections } = store();
      const stored = connection();
      await connections.insert(stored);
      const pause = { at: at(1_000), reason: 'paused by hand' };

      expect(await connections.setWebhookPause(stored.id, pause)).toEqual(stored);
      expect(await connections.setWebhookPause(stored.id, pause)).toBeUndefined();
      expect((await connections.get(stored.id))?.webhookPaused).toEqual(pause);
      expect(await connections.setWebhookPause(stored.id, null)).toEqual({
        ...stored,
        webhookPaused: pause,
      });
      expect(await connections.setWebhookPause(stored.id, null)).toBeUndefined();
      expect(await connections.setWebhookPause(uid('conn'), pause)).toBeUndefined();
    });

    test('of many pausing at once, exactly one changes it', async () => {
      const { connections } = store();
      const stored = connection();
      await connections.insert(stored);

      const { values } = await race(
        times(10).map(
          (i) => () => connections.setWebhookPause(stored.id, { at: at(i), reason: `r${i}` }),
        ),
      );

      expect(values.filter((before) => before !== undefined)).toHaveLength(1);
    });

    test('a rotation keeps the old secret until it expires, the newest first, at most 3', async () => {
      const { connections } = store();
      const stored = connection({
        previousSecrets: [
          { sealed: 'old_live_1', expiresAt: at(50_000) },
          { sealed: 'old_expired', expiresAt: at(500) },
          { sealed: 'old_live_2', expiresAt: at(60_000) },
        ],
      });
      await connections.insert(stored);

      expect(await connections.rotateSecret(stored, 'sealed_new', at(40_000), at(1_000))).toBe(
        true,
      );

      const after = await connections.get(stored.id);
      expect(after?.secret).toBe('sealed_new');
      expect(after?.updatedAt).toEqual(at(1_000));
      expect(after?.previousSecrets).toEqual([
        { sealed: stored.secret, expiresAt: at(40_000) },
        { sealed: 'old_live_1', expiresAt: at(50_000) },
        { sealed: 'old_live_2', expiresAt: at(60_000) },
      ]);
      // Rotated meanwhile: a rotation from the secret as it was is refused.
      expect(await connections.rotateSecret(stored, 'sealed_late', at(40_000), at(2_000))).toBe(
        false,
      );
    });

    test('of many rotating the same secret at once, exactly one does', async () => {
      const { connections } = store();
      const stored = connection();
      await connections.insert(stored);

      const { values } = await race(
        times(10).map((i) => () => connections.rotateSecret(stored, `s${i}`, at(9_000), at(i))),
      );

      expect(values.filter(Boolean)).toHaveLength(1);
    });

    test('deleted by id in its workspace, or many at once', async () => {
      const { connections } = store();
      const [one, two, three] = [connection(), connection(), connection()];
      for (const each of [one, two, three]) await connections.insert(each);

      expect(await connections.delete(one.id, uid('ws'))).toBe(false);
      expect(await connections.delete(one.id, one.workspaceId)).toBe(true);
      expect(await connections.delete(one.id, one.workspaceId)).toBe(false);
      await connections.deleteMany([two.id, three.id]);

      for (const each of [one, two, three]) expect(await connections.get(each.id)).toBeUndefined();
    });

    test('any sealed secret: none in an empty store, else a stored one', async () => {
      const fresh = await backend.open();
      try {
        expect(await fresh.connections.anySealedSecret()).toBeUndefined();
        const stored = connection();
        await fresh.connections.insert(stored);
        expect(await fresh.connections.anySealedSecret()).toBe(stored.secret);
      } finally {
        await backend.close(fresh);
      }
    });
  });
}
