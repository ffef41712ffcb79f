import { describe, expect, test } from '@jest/globals';
import type {
  ClaimedDelivery,
  Delivery,
  DeliveryClaim,
} from '../../../relay/src/model/delivery.js';
import { afterAttempt } from '../../../relay/src/model/delivery-transitions.js';
import type { DeliveryRepository } from '../../../relay/src/store/deliveries.js';
import type { Store } from '../../../relay/src/store/store.js';
import { at, claim, delivery, race, T0, times, uid } from './fixtures.js';

const attempt = { at: T0.toISOString(), status: 503, durationMs: 12, error: 'HTTP 503' };
/** The delivery after a failed attempt at at(5): retrying at at(9). */
const failedAt5 = (claimed: ClaimedDelivery) =>
  afterAttempt(
    claimed,
    { kind: 'sent', attempt, retryAfterMs: undefined, at: at(5) },
    { retryScheduleMs: [4] },
  );

/** A new delivery, stored. */
async function newDelivery(deliveries: DeliveryRepository, fields: Partial<Delivery> = {}) {
  const created = delivery(fields);
  await deliveries.createMany([created]);
  return created;
}

/** The delivery as `claim` takes it (the test fails if it does not). */
async function claimed(
  deliveries: DeliveryRepository,
  id: string,
  by: DeliveryClaim,
  now: Date,
): Promise<ClaimedDelivery> {
  const result = await deliveries.claim(id, by, now);
  if (result.state !== 'claimed') throw new Error(`not claimed: ${result.state}`);
  return result.delivery;
}

export function deliveryTests(store: () => Store): void {
  describe('deliveries: claims and attempts', () => {
    test('created once: a second creation answers only the new ones', async () => {
      const { deliveries } = store();
      const [one, two] = [delivery(), delivery()];

      expect([...(await deliveries.createMany([one]))]).toEqual([one.id]);
      expect([...(await deliveries.createMany([one, two]))]).toEqual([two.id]);
      expect(await deliveries.createMany([])).toEqual(new Set());
      expect(await deliveries.get(one.id)).toEqual(one);
      expect(await deliveries.owned(one.id, 'ws_a')).toEqual(one);
      expect(await deliveries.owned(one.id, uid('ws'))).toBeUndefined();
    });

    test('a claim names its attempt; held, it is busy to others; run out, it is taken over', async () => {
      const { deliveries } = store();
      const stored = await newDelivery(deliveries);

      expect(await deliveries.claim(stored.id, claim('a'), at(1))).toEqual({
        state: 'claimed',
        delivery: { ...stored, inFlight: claim('a') },
      });
      expect(await deliveries.claim(stored.id, claim('b'), at(2))).toEqual({
        state: 'busy',
        until: claim('a').until,
      });
      expect(await deliveries.claim(stored.id, claim('b', 1), at(2))).toEqual({ state: 'stale' });
      const later = await deliveries.claim(stored.id, claim('b', 0, at(120_000)), at(60_001));
      expect(later.state).toBe('claimed');
      expect(await deliveries.claim(uid('dlv'), claim('a'), at(1))).toEqual({ state: 'stale' });
    });

    test('of many claiming one attempt at once, exactly one gets it', async () => {
      const { deliveries } = store();
      const stored = await newDelivery(deliveries);

      const { values } = await race(
        times(12).map((i) => () => deliveries.claim(stored.id, claim(`p${i}`), at(1))),
      );

      expect(values.filter((result) => result.state === 'claimed')).toHaveLength(1);
      expect(values.filter((result) => result.state === 'busy')).toHaveLength(11);
    });

    test('an attempt is recorded under its claim; one taken over meanwhile records nothing', async () => {
      const { deliveries } = store();
      const stored = await newDelivery(deliveries);
      const first = await claimed(deliveries, stored.id, claim('a'), at(1));
      // Its claim ran out and another process took the attempt over.
      await deliveries.claim(stored.id, claim('b', 0, at(200_000)), at(100_000));

      await deliveries.record(first, failedAt5(first));
      expect(await deliveries.get(stored.id)).toMatchObject({ attemptCount: 0, attempts: [] });

      const taken: ClaimedDelivery = { ...stored, inFlight: claim('b', 0, at(200_000)) };
      await deliveries.record(taken, failedAt5(taken));
      expect(await deliveries.get(stored.id)).toEqual({
        ...stored,
        attempts: [attempt],
        attemptCount: 1,
        status: 'retrying',
        nextAttemptAt: at(9),
        inFlight: null,
        updatedAt: at(5),
      });
      // The attempt was made: a late job for it is stale.
      expect(await deliveries.claim(stored.id, claim('c'), at(6))).toEqual({ state: 'stale' });
    });

    test('parked (its target paused): paused, no attempt, no claim', async () => {
      const { deliveries } = store();
      const stored = await newDelivery(deliveries);

      const parked = await claimed(deliveries, stored.id, claim('a'), at(1));
      await deliveries.record(
        parked,
        afterAttempt(parked, { kind: 'paused', at: at(2) }, { retryScheduleMs: [] }),
      );

      expect(await deliveries.get(stored.id)).toEqual({
        ...stored,
        status: 'paused',
        inFlight: null,
        updatedAt: at(2),
      });
      expect(await deliveries.claim(stored.id, claim('a'), at(3))).toEqual({ state: 'stale' });
    });

    test('a redeliver starts a new cycle, refused while an attempt is in flight', async () => {
      const { deliveries } = store();
      const stored = await newDelivery(deliveries, {
        status: 'failed',
        attemptCount: 4,
        cycleStart: 0,
      });

      expect(await deliveries.redeliver({ id: stored.id, attemptCount: 3 }, at(1))).toBeUndefined();
      const restarted = await deliveries.redeliver(stored, at(1));
      expect(restarted).toEqual({
        ...stored,
        status: 'pending',
        cycleStart: 4,
        nextAttemptAt: null,
        inFlight: null,
        updatedAt: at(1),
      });
      await deliveries.claim(stored.id, claim('a', 4), at(2));
      expect(await deliveries.redeliver(stored, at(3))).toBeUndefined();
      expect((await deliveries.redeliver(stored, at(60_001)))?.status).toBe('pending');
    });
  });
}
