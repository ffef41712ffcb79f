// Health figures flushed by several relays sharing one store add up exactly: every counter is
// an $inc, so two clients of the real store flushing at once lose no count.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@jest/globals';
import { pino } from 'pino';
import { HealthRecorder } from '../../relay/src/health/health-recorder.js';
import type { Delivery } from '../../relay/src/model/delivery.js';
import { createMetrics } from '../../relay/src/observability/metrics.js';
import { openMongoStore } from '../../relay/src/store/mongo/mongo-store.js';
import { testMongoUrl } from '../support/mongo.js';
import { testSettings } from '../support/test-settings.js';

test('two processes flushing at once on one store lose no count', async () => {
  const dbName = `health_${randomBytes(6).toString('hex')}`;
  const stores = [
    await openMongoStore(testMongoUrl(), { dbName }),
    await openMongoStore(testMongoUrl(), { dbName }),
  ];
  const recorders = stores.map(
    (store) =>
      new HealthRecorder(
        {
          store,
          clock: { now: () => new Date() },
          logger: pino({ level: 'silent' }),
          metrics: createMetrics(),
          settings: testSettings({ disableAfter: { failures: null, ms: null } }),
        },
        () => Promise.resolve(),
      ),
  );
  const delivery = {
    id: 'dlv_x',
    connectionId: 'conn_shared',
    subscriptionId: null,
  } as Delivery;
  const rounds = 20;
  const perRound = 25;

  await Promise.all(
    recorders.map(async (recorder) => {
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < perRound; i++) {
          const ok = i % 5 !== 0;
          recorder.attemptRecorded({
            delivery,
            attempt: { at: new Date().toISOString(), status: ok ? 200 : 500, durationMs: i },
            ok,
            gaveUp: !ok,
            sent: true,
            gone: false,
          });
        }
        await recorder.flush();
      }
    }),
  );

  const doc = await stores[0]?.targetHealth.forKeys(['conn_shared:webhook']);
  const hours = Object.values(doc?.[0]?.hours ?? {});
  const sum = (pick: (hour: (typeof hours)[number]) => number) =>
    hours.reduce((total, hour) => total + pick(hour), 0);
  expect(sum((h) => h.attempts)).toBe(2 * rounds * perRound);
  expect(sum((h) => h.succeeded)).toBe(2 * rounds * (perRound - perRound / 5));
  expect(sum((h) => Object.values(h.latency).reduce((a, b) => a + b, 0))).toBe(
    2 * rounds * perRound,
  );
  await stores[0]?.database.dropDatabase();
  await Promise.all(stores.map((store) => store.close()));
});
