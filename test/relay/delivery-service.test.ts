// The delivery service with a recording retry scheduler (the Jobs port's): the memory store,
// a real loopback receiver, the real HTTP sender.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { createMetrics } from '../../relay/src/observability/metrics.js';
import type { AttemptRecorded } from '../../relay/src/events/attempt-recorded.js';
import { EventHub, type RelayHub } from '../../relay/src/events/hub.js';
import { DeliveryService } from '../../relay/src/deliveries/delivery-service.js';
import type { RetryScheduler } from '../../relay/src/jobs/jobs.js';
import { createSecretBox } from '../../relay/src/security/secret-box.js';
import type { Delivery } from '../../relay/src/model/delivery.js';
import { createMemoryStore } from '../../relay/src/store/memory/memory-store.js';
import type { Store } from '../../relay/src/store/store.js';
import { createHttpSender } from '../../relay/src/transport/http-sender.js';
import { pendingDelivery } from '../support/delivery-doc.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { testSettings } from '../support/test-settings.js';

const secrets = createSecretBox('delivery-service-test-key-0123');
const store: Store = createMemoryStore();
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
  receiver = await startReceiver(() => ({ status: 503 }));
  service = new DeliveryService(
    {
      store,
      secrets,
      clock: { now: () => new Date() },
      send: createHttpSender({ allowPrivate: true }),
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      settings: testSettings({ deliveryTimeoutMs: 2_000 }),
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
