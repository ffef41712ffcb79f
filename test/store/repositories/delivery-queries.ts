import { describe, expect, test } from '@jest/globals';
import type { Store } from '../../../relay/src/store/store.js';
import { at, delivery, uid } from './fixtures.js';

export function deliveryQueryTests(store: () => Store): void {
  describe('deliveries: lists and selections', () => {
    test("a connection's log, newest first, by status, at most `limit`", async () => {
      const { deliveries } = store();
      const connectionId = uid('conn');
      const old = delivery({ connectionId, createdAt: at(1_000) });
      const mid = delivery({ connectionId, createdAt: at(2_000) });
      const recent = delivery({ connectionId, createdAt: at(3_000) });
      const failed = delivery({ connectionId, status: 'failed', createdAt: at(4_000) });
      await deliveries.createMany([mid, old, recent, failed, delivery()]);

      const all = await deliveries.list({ connectionId, limit: 3 });
      expect(all.map((d) => d.id)).toEqual([failed.id, recent.id, mid.id]);
      const onlyFailed = await deliveries.list({ connectionId, status: 'failed', limit: 10 });
      expect(onlyFailed).toEqual([failed]);
    });

    test('recoverable: failed and paused replies and events of the window, oldest first', async () => {
      const { deliveries } = store();
      const connectionId = uid('conn');
      const subscriptionId = uid('sub');
      const of = (fields: Parameters<typeof delivery>[0]) =>
        delivery({ connectionId, status: 'failed', createdAt: at(2_000), ...fields });
      const picked = [
        of({ createdAt: at(3_000) }),
        of({ status: 'paused', kind: 'event', subscriptionId }),
        of({ createdAt: at(1_000) }),
      ];
      const left = [
        of({ status: 'delivered' }),
        of({ status: 'retrying' }),
        of({ kind: 'test' }),
        of({ kind: 'callback' }),
        of({ createdAt: at(5_000) }),
        of({ createdAt: at(999) }),
        of({ connectionId: uid('conn') }),
      ];
      await deliveries.createMany([...picked, ...left]);
      const window = { connectionId, since: at(1_000), until: at(5_000) };

      const selected = await deliveries.recoverable(window);
      expect(selected).toEqual(
        [picked[2], picked[1], picked[0]].map((d) => ({
          id: d?.id,
          attemptCount: 0,
          subscriptionId: d?.subscriptionId,
        })),
      );
      expect(await deliveries.countRecoverable(window)).toBe(3);
      const webhookOnly = { ...window, subscriptionId: null };
      expect(await deliveries.countRecoverable(webhookOnly)).toBe(2);
      expect(await deliveries.recoverable({ ...window, subscriptionId })).toEqual([
        { id: picked[1]?.id, attemptCount: 0, subscriptionId },
      ]);
    });

    test('what a subscription holds: its paused deliveries, oldest first', async () => {
      const { deliveries } = store();
      const subscriptionId = uid('sub');
      const later = delivery({ subscriptionId, status: 'paused', createdAt: at(2_000) });
      const first = delivery({ subscriptionId, status: 'paused', createdAt: at(1_000) });
      const sent = delivery({ subscriptionId, status: 'delivered' });
      await deliveries.createMany([later, first, sent]);

      expect(await deliveries.held(subscriptionId)).toEqual([
        { id: first.id, attemptCount: 0 },
        { id: later.id, attemptCount: 0 },
      ]);
      expect(await deliveries.countHeld(subscriptionId)).toBe(2);
      expect(await deliveries.countHeld(uid('sub'))).toBe(0);
    });

    test('the subscriptions holding deliveries: those with a paused one, each once', async () => {
      const { deliveries } = store();
      const holding = uid('sub');
      const done = uid('sub');
      await deliveries.createMany([
        delivery({ subscriptionId: holding, status: 'paused' }),
        delivery({ subscriptionId: holding, status: 'paused' }),
        delivery({ subscriptionId: done, status: 'delivered' }),
        delivery({ subscriptionId: done, status: 'failed' }),
        delivery({ subscriptionId: null, status: 'paused' }),
      ]);

      const ids = await deliveries.heldSubscriptionIds();
      expect(ids.filter((id) => id === holding)).toHaveLength(1);
      expect(ids).not.toContain(done);
      expect(ids).not.toContain(null);
    });

    test('finished deliveries before a cutoff are removed, at most `limit` at a time', async () => {
      const { deliveries } = store();
      const old = at(-5_000_000);
      const finished = (['delivered', 'failed', 'paused'] as const).map((status) =>
        delivery({ status, createdAt: old }),
      );
      const unfinished = [
        delivery({ createdAt: old }),
        delivery({ status: 'retrying', createdAt: old }),
      ];
      const recent = delivery({ status: 'delivered', createdAt: at(0) });
      await deliveries.createMany([...finished, ...unfinished, recent]);

      expect(await deliveries.removeFinishedBefore(at(-4_999_999), 2)).toBe(2);
      expect(await deliveries.removeFinishedBefore(at(-4_999_999), 2)).toBe(1);
      for (const d of finished) expect(await deliveries.get(d.id)).toBeUndefined();
      for (const d of [...unfinished, recent]) expect(await deliveries.get(d.id)).toEqual(d);
    });
  });
}
