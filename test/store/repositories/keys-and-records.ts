import { describe, expect, test } from '@jest/globals';
import type { IdempotencyRecord } from '../../../relay/src/model/idempotency.js';
import type { Recovery } from '../../../relay/src/model/recovery.js';
import type { RemovedSubscription } from '../../../relay/src/model/subscription.js';
import type { Store } from '../../../relay/src/store/store.js';
import { at, race, T0, times, uid } from './fixtures.js';

const DAY_MS = 86_400_000;

function key(fields: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  const createdAt = fields.createdAt ?? T0;
  return {
    id: uid('idem'),
    workspaceId: 'ws_a',
    requestHash: 'hash_1',
    response: null,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + DAY_MS),
    ...fields,
  };
}

const abandonedBefore = (now: Date) => new Date(now.getTime() - 30_000);

export function keyAndRecordTests(store: () => Store): void {
  describe('idempotency keys', () => {
    test('reserved once; a repeat finds the first, then its answer; forgotten, it is free', async () => {
      const { idempotency } = store();
      const first = key();

      expect(await idempotency.reserve(first, abandonedBefore(T0))).toEqual({ state: 'reserved' });
      const repeat = { ...first, requestHash: 'hash_2', createdAt: at(1) };
      expect(await idempotency.reserve(repeat, abandonedBefore(at(1)))).toEqual({
        state: 'exists',
        first,
      });
      const response = { status: 202, body: { messageId: 'msg_1' } };
      await idempotency.complete(first.id, response);
      expect(await idempotency.reserve(repeat, abandonedBefore(at(1)))).toEqual({
        state: 'exists',
        first: { ...first, response },
      });
      await idempotency.forget(first.id);
      expect(await idempotency.reserve(repeat, abandonedBefore(at(1)))).toEqual({
        state: 'reserved',
      });
    });

    test('an expired key, or a first request never finished, is reserved anew', async () => {
      const { idempotency } = store();
      const expired = key({ response: { status: 202, body: {} } });
      const abandoned = key();
      await idempotency.reserve(expired, abandonedBefore(T0));
      await idempotency.reserve(abandoned, abandonedBefore(T0));
      const later = at(DAY_MS);
      const soon = at(31_000);

      expect(
        await idempotency.reserve({ ...expired, createdAt: later }, abandonedBefore(later)),
      ).toEqual({
        state: 'reserved',
      });
      expect(
        await idempotency.reserve({ ...abandoned, createdAt: soon }, abandonedBefore(soon)),
      ).toEqual({
        state: 'reserved',
      });
    });

    test('of many reserving one key at once, exactly one does', async () => {
      const { idempotency } = store();
      const first = key();

      const { values } = await race(
        times(12).map(() => () => idempotency.reserve(first, abandonedBefore(T0))),
      );

      expect(values.filter((result) => result.state === 'reserved')).toHaveLength(1);
    });

    test('expired keys are removed, at most `limit` at a time', async () => {
      const { idempotency } = store();
      const old = at(-10 * DAY_MS);
      await Promise.all(times(3).map(() => idempotency.reserve(key({ createdAt: old }), old)));
      const live = key();
      await idempotency.reserve(live, abandonedBefore(T0));

      expect(await idempotency.removeExpired(at(-8 * DAY_MS), 2)).toBe(2);
      expect(await idempotency.removeExpired(at(-8 * DAY_MS), 2)).toBe(1);
      expect(await idempotency.reserve(live, abandonedBefore(T0))).toMatchObject({
        state: 'exists',
      });
    });
  });

  describe('recoveries', () => {
    const recovery = (): Recovery => ({
      id: uid('rcv'),
      workspaceId: 'ws_a',
      connectionId: uid('conn'),
      since: at(-DAY_MS),
      until: T0,
      target: null,
      queued: 3,
      ratePerSecond: 10,
      createdAt: T0,
    });

    test('started once; a repeat reads the first', async () => {
      const { recoveries } = store();
      const first = recovery();

      expect(await recoveries.start(first)).toEqual({ state: 'started' });
      expect(await recoveries.start({ ...first, queued: 99 })).toEqual({
        state: 'repeated',
        first,
      });
      expect(await recoveries.get(first.id)).toEqual(first);
      expect(await recoveries.get(uid('rcv'))).toBeUndefined();
    });

    test('of many starting one recover at once, exactly one does', async () => {
      const { recoveries } = store();
      const first = recovery();

      const { values } = await race(times(12).map(() => () => recoveries.start(first)));

      expect(values.filter((result) => result.state === 'started')).toHaveLength(1);
    });
  });

  describe('removed subscriptions', () => {
    const removal = (fields: Partial<RemovedSubscription>): RemovedSubscription => ({
      id: uid('sub'),
      workspaceId: 'ws_a',
      connectionId: uid('conn'),
      targetUrl: 'https://hooks.example/gone',
      reason: 'expired',
      heldDeliveries: 0,
      removedAt: T0,
      ...fields,
    });

    test('recorded once, listed newest first (the latest 20), removed by connection or age', async () => {
      const { removedSubscriptions } = store();
      const connectionId = uid('conn');
      const removals = times(22).map((i) => removal({ connectionId, removedAt: at(i * 1_000) }));
      for (const each of removals) await removedSubscriptions.record(each);
      const [first] = removals;
      if (!first) throw new Error('removals');
      await removedSubscriptions.record({ ...first, reason: 'gone' });

      const listed = await removedSubscriptions.forConnection(connectionId);
      expect(listed).toEqual(removals.slice(2).reverse());
      expect(await removedSubscriptions.removeBefore(at(1_500), 5)).toBe(2);
      await removedSubscriptions.deleteForConnections([connectionId]);
      expect(await removedSubscriptions.forConnection(connectionId)).toEqual([]);
    });
  });
}
