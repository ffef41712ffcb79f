import { describe, expect, test } from '@jest/globals';
import type { Store } from '../../../relay/src/store/store.js';
import { at, race, subscription, times, uid } from './fixtures.js';

export function subscriptionTests(store: () => Store): void {
  describe('subscriptions', () => {
    test('subscribing a new URL creates it; it is read by id, workspace and connection', async () => {
      const { subscriptions } = store();
      const connectionId = uid('conn');
      const later = subscription({ connectionId, createdAt: at(2_000) });
      const first = subscription({ connectionId, createdAt: at(1_000) });
      const other = subscription({ createdAt: at(3_000) });

      expect(await subscriptions.subscribe(later)).toEqual({
        subscription: later,
        created: true,
        resumed: false,
      });
      await subscriptions.subscribe(first);
      await subscriptions.subscribe(other);

      expect(await subscriptions.get(first.id)).toEqual(first);
      expect(await subscriptions.owned(first.id, first.workspaceId)).toEqual(first);
      expect(await subscriptions.owned(first.id, uid('ws'))).toBeUndefined();
      expect(await subscriptions.forConnection(connectionId)).toEqual([first, later]);
      expect(await subscriptions.forConnections([connectionId, other.connectionId])).toEqual([
        first,
        later,
        other,
      ]);
      expect(await subscriptions.forConnections([])).toEqual([]);
    });

    test('subscribing the URL again renews it: same id, new terms, resumed if paused', async () => {
      const { subscriptions } = store();
      const stored = subscription();
      await subscriptions.subscribe(stored);
      await subscriptions.setPause(stored, { at: at(1), reason: 'unpublished' });
      const terms = {
        secret: uid('sealed'),
        events: ['ai.response' as const, 'message.failed' as const],
        filter: { userId: 'u1', metadata: [{ key: 'k', value: 'v' }] },
        whileUnpublished: 'drop' as const,
        expiresAt: at(9_000),
      };

      const again = await subscriptions.subscribe({ ...stored, id: uid('sub'), ...terms });

      const renewed = { ...stored, ...terms, paused: null };
      expect(again).toEqual({ subscription: renewed, created: false, resumed: true });
      expect(await subscriptions.get(stored.id)).toEqual(renewed);
      expect((await subscriptions.subscribe(stored)).resumed).toBe(false);
    });

    test('of many subscribing one URL at once, one creates it and all get that one', async () => {
      const { subscriptions } = store();
      const connectionId = uid('conn');
      const targetUrl = `https://hooks.example/${uid('race')}`;
      const attempts = times(10).map(() => subscription({ connectionId, targetUrl }));

      const { values, reasons } = await race(attempts.map((s) => () => subscriptions.subscribe(s)));

      expect(reasons).toEqual([]);
      expect(values.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(values.map((result) => result.subscription.id)).size).toBe(1);
      expect(await subscriptions.forConnection(connectionId)).toHaveLength(1);
    });

    test('of many subscribing a paused URL again at once, exactly one resumes it', async () => {
      const { subscriptions } = store();
      const stored = subscription();
      await subscriptions.subscribe(stored);
      await subscriptions.setPause(stored, { at: at(1), reason: 'failing' });

      const { values } = await race(times(10).map(() => () => subscriptions.subscribe(stored)));

      expect(values.filter((result) => result.resumed)).toHaveLength(1);
    });

    test('paused and resumed once each way; paused ones found by when they were paused', async () => {
      const { subscriptions } = store();
      const stored = subscription();
      await subscriptions.subscribe(stored);
      const pause = { at: at(1_000), reason: 'failing' };

      expect(await subscriptions.setPause(stored, pause)).toEqual(stored);
      expect(await subscriptions.setPause(stored, pause)).toBeUndefined();
      const paused = await subscriptions.pausedBefore(at(1_001));
      expect(paused.filter((s) => s.id === stored.id)).toEqual([{ ...stored, paused: pause }]);
      expect((await subscriptions.pausedBefore(at(1_000))).map((s) => s.id)).not.toContain(
        stored.id,
      );
      expect(await subscriptions.setPause(stored, null)).toEqual({ ...stored, paused: pause });
      expect(await subscriptions.setPause(stored, null)).toBeUndefined();
    });

    test('of many pausing at once, exactly one changes it', async () => {
      const { subscriptions } = store();
      const stored = subscription();
      await subscriptions.subscribe(stored);

      const { values } = await race(
        times(10).map((i) => () => subscriptions.setPause(stored, { at: at(i), reason: 'r' })),
      );

      expect(values.filter((before) => before !== undefined)).toHaveLength(1);
    });

    test('its events are chosen; expired ones are found by their expiry', async () => {
      const { subscriptions } = store();
      const stored = subscription({ expiresAt: at(5_000) });
      await subscriptions.subscribe(stored);

      const changed = await subscriptions.setEvents(stored, ['target.paused']);

      expect(changed).toEqual({ ...stored, events: ['target.paused'] });
      expect(await subscriptions.setEvents({ ...stored, id: uid('sub') }, [])).toBeUndefined();
      expect((await subscriptions.expiredBefore(at(5_001))).map((s) => s.id)).toContain(stored.id);
      expect((await subscriptions.expiredBefore(at(5_000))).map((s) => s.id)).not.toContain(
        stored.id,
      );
    });

    test('removed once (of many at once, one), or with their connections', async () => {
      const { subscriptions } = store();
      const stored = subscription();
      const others = [subscription(), subscription()];
      for (const each of [stored, ...others]) await subscriptions.subscribe(each);

      const { values } = await race(times(8).map(() => () => subscriptions.delete(stored)));
      await subscriptions.deleteForConnections(others.map((s) => s.connectionId));

      expect(values.filter(Boolean)).toHaveLength(1);
      for (const each of [stored, ...others])
        expect(await subscriptions.get(each.id)).toBeUndefined();
    });
  });
}
