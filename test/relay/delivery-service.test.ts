// The delivery service with a fake retry scheduler (the Agenda adapter is the only file that
// knows Agenda): the real store, a real loopback receiver, the real HTTP sender.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { createMetrics } from '../../relay/src/observability/metrics.js';
import type { AttemptRecorded } from '../../relay/src/events/attempt-recorded.js';
import { EventHub, type RelayHub } from '../../relay/src/events/hub.js';
import { DeliveryService } from '../../relay/src/deliveries/delivery-service.js';
import type { RetryScheduler } from '../../relay/src/jobs/jobs.js';
import { createSecretBox } from '../../relay/src/security/secret-box.js';
import type { Delivery } from '../../relay/src/model/delivery.js';
import { openMongoStore, type MongoStore } from '../../relay/src/store/mongo/mongo-store.js';
import { createHttpSender } from '../../relay/src/transport/http-sender.js';
import { testMongoUrl } from '../support/mongo.js';
import { pendingDelivery } from '../support/delivery-doc.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const secrets = createSecretBox('delivery-service-test-key-0123');
let store: MongoStore;
let receiver: Receiver;
const scheduled: { deliveryId: string; attempt: number; at: Date; recordedAttempts: number }[] = [];

const scheduler: RetryScheduler = {
  async schedule(input) {
    // What the store says at the moment of scheduling: the timer must come before the record.
    const recorded = await store.deliveries.get(input.deliveryId);
    scheduled.push({ ...input, recordedAttempts: recorded?.attemptCount ?? -1 });
  },
};

let service: DeliveryService;
const hub: RelayHub = new EventHub(pino({ level: 'silent' }));
const recorded: AttemptRecorded[] = [];
hub.on('attemptRecorded', (event) => recorded.push(event));

beforeAll(async () => {
  store = await openMongoStore(testMongoUrl(), {
    dbName: `dlv_${randomBytes(6).toString('hex')}`,
  });
  receiver = await startReceiver(() => ({ status: 503 }));
  service = new DeliveryService(
    {
      store,
      secrets,
      clock: { now: () => new Date() },
      send: createHttpSender({ allowPrivate: true }),
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      settings: {
        publicUrl: undefined,
        retryScheduleMs: [30_000, 120_000, 600_000],
        deliveryTimeoutMs: 2_000,
        syncTimeoutMs: 10_000,
        allowPrivateUrls: true,
        rateLimitPerMinute: 1_000,
        rotationOverlapMs: 60_000,
        recoveryIntervalMs: 10_000,
        bodyLimitBytes: 1_024,
        defaultModel: 'gpt-test',
        retentionDays: 30,
        headersTimeoutMs: 10_000,
        conversationLeaseMs: 30_000,
        metricsToken: undefined,
        instanceId: 'relay_test',
        disableAfter: { ms: null, failures: null },
        subscriptionExpiryMs: 60_000,
        recoverRatePerSecond: 10,
        healthFlushMs: 1_000,
      },
    },
    scheduler,
    hub,
    (id) => `http://relay.test/api/deliveries/${id}`,
  );
  await store.connections.insert({
    id: 'conn_svc',
    workspaceId: 'ws_svc',
    chatbotId: 'bot_svc',
    name: 'svc',
    webhookUrl: receiver.url,
    secret: secrets.seal('whsec_c2VjcmV0LXZhbHVl'),
    previousSecrets: [],
    customHeaders: [],
    enabled: true,
    webhookPaused: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
});
afterAll(async () => {
  await receiver.close();
  await store.database.dropDatabase();
  await store.close();
});

function delivery(id: string): Delivery {
  return pendingDelivery(id, {
    workspaceId: 'ws_svc',
    connectionId: 'conn_svc',
    targetUrl: receiver.url,
  });
}

test('a failed attempt schedules the next one (by number, at the schedule) before recording', async () => {
  await store.deliveries.createMany([delivery('dlv_svc_1')]);
  const startedAt = Date.now();

  const result = await service.attempt('dlv_svc_1', 0);

  expect(result.state).toBe('done');
  expect(scheduled).toEqual([
    expect.objectContaining({ deliveryId: 'dlv_svc_1', attempt: 1, recordedAttempts: 0 }),
  ]);
  const due = (scheduled[0]?.at.getTime() ?? 0) - startedAt;
  expect(due).toBeGreaterThanOrEqual(30_000);
  const stored = await store.deliveries.get('dlv_svc_1');
  expect(stored).toMatchObject({ status: 'retrying', attemptCount: 1 });
  // Told once it is recorded, with the delivery as it was before the attempt.
  expect(recorded).toEqual([
    expect.objectContaining({
      delivery: expect.objectContaining({ id: 'dlv_svc_1', attemptCount: 0 }),
      attempt: expect.objectContaining({ status: 503 }),
      ok: false,
      gaveUp: false,
      sent: true,
      gone: false,
    }),
  ]);
});

test('a job for an attempt already made is stale: nothing is sent, nothing scheduled', async () => {
  const sent = receiver.requests.length;
  const before = scheduled.length;

  const result = await service.attempt('dlv_svc_1', 0);

  expect(result).toEqual({ state: 'stale' });
  expect(receiver.requests).toHaveLength(sent);
  expect(scheduled).toHaveLength(before);
});

test('two jobs for the same attempt at once: one sends, the other finds it busy or done', async () => {
  const sent = receiver.requests.length;

  const results = await Promise.all([
    service.attempt('dlv_svc_1', 1),
    service.attempt('dlv_svc_1', 1),
  ]);

  expect(results.filter((r) => r.state === 'done')).toHaveLength(1);
  expect(receiver.requests).toHaveLength(sent + 1);
});
