import { describe, expect, test } from '@jest/globals';
import { slotOf } from '../../../relay/src/model/target-health.js';
import type { Store } from '../../../relay/src/store/store.js';
import { at, attemptDelta, race, T0, times, uid } from './fixtures.js';

const HOUR = Math.floor(T0.getTime() / 3_600_000);
const DAY_MS = 86_400_000;

export function targetHealthTests(store: () => Store): void {
  describe('target health', () => {
    test('deltas add up: counts by hour, failures since the last success, its time kept', async () => {
      const { targetHealth } = store();
      const key = uid('target');

      await targetHealth.apply([attemptDelta(key, { ok: false, gaveUp: true, when: at(1_000) })]);
      await targetHealth.apply([attemptDelta(key, { ok: false, gaveUp: true, when: at(2_000) })]);

      const [failing] = await targetHealth.forKeys([key]);
      expect(failing).toEqual({
        id: key,
        connectionId: 'conn_health',
        subscriptionId: null,
        consecutiveFailures: 2,
        failingSince: at(1_000),
        lastError: { message: 'HTTP 500', at: at(2_000) },
        lastSuccessAt: null,
        hours: { [slotOf(HOUR)]: { hour: HOUR, attempts: 2, succeeded: 0, latency: { 3: 2 } } },
      });
      await targetHealth.apply([attemptDelta(key, { ok: true, when: at(3_000) })]);
      const [healthy] = await targetHealth.forKeys([key]);
      expect(healthy).toMatchObject({
        consecutiveFailures: 0,
        failingSince: null,
        lastSuccessAt: at(3_000),
      });
      expect(healthy?.hours[slotOf(HOUR)]).toMatchObject({ attempts: 3, succeeded: 1 });
      expect(await targetHealth.forKeys([])).toEqual([]);
    });

    test("a day later the hour's slot starts again empty", async () => {
      const { targetHealth } = store();
      const key = uid('target');
      await targetHealth.apply([attemptDelta(key, { ok: true })]);

      await targetHealth.apply([attemptDelta(key, { ok: true, when: at(DAY_MS) })]);

      const [figures] = await targetHealth.forKeys([key]);
      expect(figures?.hours[slotOf(HOUR)]).toEqual({
        hour: HOUR + 24,
        attempts: 1,
        succeeded: 1,
        latency: { 3: 1 },
      });
    });

    test('the pause rule: reached by failures or by time failing; a restart counts afresh', async () => {
      const { targetHealth } = store();
      const [byCount, byTime, fine] = [uid('a'), uid('b'), uid('c')];
      for (const when of [at(1), at(2)]) {
        await targetHealth.apply([attemptDelta(byCount, { ok: false, gaveUp: true, when })]);
      }
      await targetHealth.apply([attemptDelta(byTime, { ok: false, when: at(-DAY_MS) })]);
      await targetHealth.apply([attemptDelta(fine, { ok: true })]);
      const keys = [byCount, byTime, fine];

      const byFailures = await targetHealth.reached(keys, { failures: 2, ms: null }, at(3));
      expect(byFailures.map((f) => f.id)).toEqual([byCount]);
      const byMs = await targetHealth.reached(keys, { failures: null, ms: DAY_MS }, at(3));
      expect(byMs.map((f) => f.id)).toEqual([byTime]);
      expect(await targetHealth.reached(keys, { failures: null, ms: null }, at(3))).toEqual([]);
      expect(await targetHealth.reached([], { failures: 1, ms: 1 }, at(3))).toEqual([]);

      await targetHealth.restart(byCount);
      const [restarted] = await targetHealth.forKeys([byCount]);
      expect(restarted).toMatchObject({ consecutiveFailures: 0, failingSince: null });
      await targetHealth.remove([byTime, fine]);
      expect((await targetHealth.forKeys(keys)).map((f) => f.id)).toEqual([byCount]);
    });

    test('counters are exact under many flushes at once, the first ones creating the figures', async () => {
      const { targetHealth } = store();
      const key = uid('target');
      const flushes = times(30).map((i) =>
        attemptDelta(key, { ok: i % 3 !== 0, gaveUp: false, when: at(i) }),
      );

      const { reasons } = await race(flushes.map((delta) => () => targetHealth.apply([delta])));

      expect(reasons).toEqual([]);
      const [figures] = await targetHealth.forKeys([key]);
      expect(figures?.hours[slotOf(HOUR)]).toEqual({
        hour: HOUR,
        attempts: 30,
        succeeded: 20,
        latency: { 3: 30 },
      });
    });

    test('failure counts are exact under many flushes at once', async () => {
      const { targetHealth } = store();
      const key = uid('target');
      await targetHealth.apply([attemptDelta(key, { ok: false, gaveUp: true, when: at(0) })]);

      await race(
        times(25).map(
          (i) => () =>
            targetHealth.apply([attemptDelta(key, { ok: false, gaveUp: true, when: at(i + 1) })]),
        ),
      );

      const [figures] = await targetHealth.forKeys([key]);
      expect(figures?.consecutiveFailures).toBe(26);
      expect(figures?.failingSince).toEqual(at(0));
    });
  });
}
