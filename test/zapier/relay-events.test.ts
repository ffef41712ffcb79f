import { describe, expect, it } from '@jest/globals';
import { generateSecret } from '../../zapier-app/src/shared/index.js';
import { deliveryFailedHook } from '../../zapier-app/src/triggers/relay-event/delivery-failed.js';
import { webhookPausedHook } from '../../zapier-app/src/triggers/relay-event/webhook-paused.js';
import { webhookResumedHook } from '../../zapier-app/src/triggers/relay-event/webhook-resumed.js';
import { subscriptionRemovedHook } from '../../zapier-app/src/triggers/relay-event/subscription-removed.js';
import { app, appTester, authData, RELAY } from './support/app.js';
import { signedDelivery } from './support/delivery.js';
import {
  deliveryFailedEvent,
  reply,
  subscriptionRemovedEvent,
  targetPausedEvent,
  targetResumedEvent,
  testPayload,
} from './support/payloads.js';
import { useNock } from './support/nock.js';

const nock = useNock();
const { deliveryFailed, webhookPaused, webhookResumed, subscriptionRemoved } = app.triggers;
type EventHook =
  | typeof deliveryFailedHook
  | typeof webhookPausedHook
  | typeof webhookResumedHook
  | typeof subscriptionRemovedHook;

describe('Delivery Failed, Webhook Paused and Webhook Resumed trigger definitions', () => {
  it.each([
    [deliveryFailed, deliveryFailedHook, 'evt_7d2f9a41', 'data__attempts'],
    [webhookPaused, webhookPausedHook, 'evt_1a6c0e93', 'data__consecutiveFailures'],
    [webhookResumed, webhookResumedHook, 'evt_4c8d2b17', 'data__by'],
    [subscriptionRemoved, subscriptionRemovedHook, 'evt_9e0f5a26', 'data__reason'],
  ])(
    '%#: an instant REST hook with a sample and flattened output fields',
    (trigger, hook, id, key) => {
      expect(trigger.operation).toMatchObject({ type: 'hook', ...hook });
      expect(trigger.operation.sample).toMatchObject({ id, delivery: { attempt: 1 } });
      const keys = trigger.operation.outputFields?.map((field) => 'key' in field && field.key);
      expect(keys).toEqual(expect.arrayContaining(['id', 'type', key, 'delivery__attempt']));
    },
  );
});

describe('perform of the event triggers (a delivery to the Zap hook URL)', () => {
  const secret = generateSecret();
  const subscribeData = { id: 'sub_1', secret };
  const bundleOf = (payload: object) => ({
    rawRequest: signedDelivery({ body: JSON.stringify(payload), secret, now: new Date() }),
    subscribeData,
  });
  const deliverTo = async (hook: EventHook, payload: object): Promise<unknown[]> =>
    hook === deliveryFailedHook
      ? await appTester(deliveryFailedHook.perform, bundleOf(payload))
      : hook === webhookPausedHook
        ? await appTester(webhookPausedHook.perform, bundleOf(payload))
        : hook === webhookResumedHook
          ? await appTester(webhookResumedHook.perform, bundleOf(payload))
          : await appTester(subscriptionRemovedHook.perform, bundleOf(payload));

  it('Delivery Failed turns a signed delivery.failed into one item keyed by the event id', async () => {
    expect(await deliverTo(deliveryFailedHook, deliveryFailedEvent)).toEqual([
      { ...deliveryFailedEvent, delivery: { id: 'dlv_1', attempt: 1, isLastAttempt: false } },
    ]);
  });

  it('Webhook Paused turns a signed target.paused into one item', async () => {
    expect(await deliverTo(webhookPausedHook, targetPausedEvent)).toEqual([
      { ...targetPausedEvent, delivery: { id: 'dlv_1', attempt: 1, isLastAttempt: false } },
    ]);
  });

  it('Webhook Resumed turns a signed target.resumed into one item', async () => {
    expect(await deliverTo(webhookResumedHook, targetResumedEvent)).toEqual([
      { ...targetResumedEvent, delivery: { id: 'dlv_1', attempt: 1, isLastAttempt: false } },
    ]);
  });

  it('Webhook Resumed ignores a target.paused, even signed', async () => {
    expect(await deliverTo(webhookResumedHook, targetPausedEvent)).toEqual([]);
  });

  it('Webhook Resumed offers its static sample: the relay keeps no list of past resumes', async () => {
    const inputData = { connectionId: 'conn_1' };

    expect(await appTester(webhookResumedHook.performList, { authData, inputData })).toEqual([]);
  });

  it('Subscription Removed turns a signed subscription.removed into one item', async () => {
    expect(await deliverTo(subscriptionRemovedHook, subscriptionRemovedEvent)).toEqual([
      { ...subscriptionRemovedEvent, delivery: { id: 'dlv_1', attempt: 1, isLastAttempt: false } },
    ]);
  });

  it('ignores a delivery.failed signed with another secret', async () => {
    const rawRequest = signedDelivery({
      body: JSON.stringify(deliveryFailedEvent),
      secret: generateSecret(),
      now: new Date(),
    });
    expect(await appTester(deliveryFailedHook.perform, { rawRequest, subscribeData })).toEqual([]);
  });

  it.each([
    ['another event', targetPausedEvent],
    ['an AI reply', reply],
    ['the test payload', testPayload],
    ['an event without its target', { ...deliveryFailedEvent, data: { attempts: 4 } }],
  ])('Delivery Failed ignores %s, even signed', async (_label, payload) => {
    expect(await deliverTo(deliveryFailedHook, payload)).toEqual([]);
  });
});

describe('performList of Delivery Failed (samples from the delivery log)', () => {
  const logged = {
    id: 'dlv_2',
    connectionId: 'conn_1',
    messageId: 'msg_reply_1',
    kind: 'reply',
    event: 'ai.response',
    targetUrl: 'https://crm.example.com/hook',
    status: 'failed',
    attempts: [
      { at: '2024-01-15T10:30:00Z', status: 500, durationMs: 20, error: 'HTTP 500' },
      { at: '2024-01-15T10:31:00Z', status: null, durationMs: 10000, error: 'timed out' },
    ],
    createdAt: '2024-01-15T10:30:00Z',
    updatedAt: '2024-01-15T10:31:05Z',
  };

  it('shapes failed deliveries as the events they raised, leaving out failed events', async () => {
    const toSubscription = {
      ...logged,
      id: 'dlv_3',
      subscriptionId: 'sub_7',
      targetUrl: 'https://hooks.example.com/7',
      attempts: [{ at: '2024-01-15T10:32:00Z', status: 410, durationMs: 5 }],
    };
    const failedEvent = { ...logged, id: 'dlv_4', kind: 'event', event: 'delivery.failed' };
    nock(RELAY)
      .get('/api/connections/conn_1/deliveries')
      .query({ status: 'failed', limit: '10' })
      .reply(200, { data: [logged, toSubscription, failedEvent], retentionDays: 7 });

    const items = await appTester(deliveryFailedHook.performList, {
      authData,
      inputData: { connectionId: 'conn_1' },
    });

    expect(items).toEqual([
      {
        type: 'delivery.failed',
        id: 'dlv_2',
        connectionId: 'conn_1',
        timestamp: '2024-01-15T10:31:00Z',
        data: {
          target: { kind: 'webhook', url: 'https://crm.example.com/hook' },
          deliveryId: 'dlv_2',
          messageId: 'msg_reply_1',
          attempts: 2,
          lastError: 'timed out',
          lastAttemptAt: '2024-01-15T10:31:00Z',
        },
      },
      expect.objectContaining({
        id: 'dlv_3',
        data: expect.objectContaining({
          target: {
            kind: 'subscription',
            subscriptionId: 'sub_7',
            url: 'https://hooks.example.com/7',
          },
          attempts: 1,
          lastError: 'HTTP 410',
        }),
      }),
    ]);
  });
});

describe('performList of Webhook Paused (samples from the targets paused now)', () => {
  const health = (overrides: object) => ({
    target: { kind: 'webhook', url: 'https://crm.example.com/hook' },
    state: 'healthy',
    last24h: { attempts: 0, succeeded: 0, successRate: null, p50Ms: null, p99Ms: null },
    consecutiveFailures: 0,
    ...overrides,
  });

  it('gives one target.paused per paused target, and nothing for healthy ones', async () => {
    nock(RELAY)
      .get('/api/connections/conn_1')
      .reply(200, {
        id: 'conn_1',
        health: [
          health({
            state: 'paused',
            consecutiveFailures: 100,
            failingSince: '2024-01-15T10:31:00Z',
            lastError: { message: 'HTTP 500', at: '2024-01-20T10:29:00Z' },
            paused: { at: '2024-01-20T10:30:00Z', reason: '100 consecutive deliveries failed' },
          }),
          health({
            target: { kind: 'subscription', subscriptionId: 'sub_7', url: 'https://x.test' },
          }),
        ],
      });

    const items = await appTester(webhookPausedHook.performList, {
      authData,
      inputData: { connectionId: 'conn_1' },
    });

    expect(items).toEqual([{ ...targetPausedEvent, id: 'webhook@2024-01-20T10:30:00Z' }]);
  });
});
