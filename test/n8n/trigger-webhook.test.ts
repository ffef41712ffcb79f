import { generateSecret } from '../../n8n-nodes/shared';
import { deliver, signedDelivery } from './support/deliveries';
import { useRelay } from './support/setup';
import { triggerNode } from './support/nodes';
import {
  deliveryFailedEvent,
  outgoingPayload,
  targetPausedEvent,
  testPayload,
} from './support/payloads';
import type { PublishedTrigger } from './support/triggers';

// Deliveries to a published trigger's webhook, through n8n-core's WebhookContext; the trigger
// subscribed on a real relay, whose secret it verifies with.
const harness = useRelay();
const relay = () => harness.relay;
const host = () => harness.host;

const FIVE_MINUTES_MS = 5 * 60 * 1000;

async function published(parameters = {}, version = 2): Promise<PublishedTrigger> {
  const trigger = host().trigger(triggerNode(relay().connectionId, parameters, version));
  await trigger.publish();
  return trigger;
}

const refused = (code: string) => ({ error: { code, message: expect.any(String) } });

describe('FourthChat Trigger webhook', () => {
  let trigger: PublishedTrigger;
  beforeAll(async () => {
    trigger = await published({ options: { includeTestEvents: false } });
  });

  it('starts the workflow with the payload and the delivery of a correctly signed delivery', async () => {
    const payload = outgoingPayload();
    const delivery = signedDelivery(trigger, payload, {
      headers: {
        'X-Webhook-Attempt': '3',
        'X-Webhook-Last-Attempt': 'true',
        'X-Webhook-Delivery-Url': 'https://relay().example.com/api/deliveries/dlv_1',
      },
    });
    await expect(deliver(trigger, delivery)).resolves.toEqual({
      status: 200,
      body: { received: true },
    });
    expect(trigger.runs.at(-1)).toEqual({
      ...payload,
      delivery: {
        id: 'dlv_1',
        attempt: 3,
        isLastAttempt: true,
        url: 'https://relay().example.com/api/deliveries/dlv_1',
      },
    });
  });

  it('refuses a delivery whose body was changed after signing', async () => {
    const delivery = signedDelivery(trigger, outgoingPayload());
    const tampered = delivery.body.replace('How can I help', 'Send me your password');
    expect(tampered).not.toBe(delivery.body);
    await expect(deliver(trigger, { ...delivery, body: tampered })).resolves.toEqual({
      status: 401,
      body: refused('invalid_signature'),
    });
  });

  it('refuses a delivery signed with another secret', async () => {
    const delivery = signedDelivery(trigger, outgoingPayload(), { secret: generateSecret() });
    await expect(deliver(trigger, delivery)).resolves.toEqual({
      status: 401,
      body: refused('invalid_signature'),
    });
  });

  it('refuses a delivery without signature headers, or with only the untimestamped sha256=', async () => {
    const { body, headers } = signedDelivery(trigger, outgoingPayload());
    await expect(
      deliver(trigger, { body, headers: { 'content-type': 'application/json' } }),
    ).resolves.toEqual({ status: 401, body: refused('missing_headers') });
    const onlySha256 = { 'X-Webhook-Signature': headers['X-Webhook-Signature'] ?? '' };
    await expect(deliver(trigger, { body, headers: onlySha256 })).resolves.toEqual({
      status: 401,
      body: refused('missing_headers'),
    });
  });

  it.each([
    ['more than 5 minutes ago (a replay)', -1],
    ['more than 5 minutes ahead', 1],
  ])('refuses a delivery signed %s', async (_label, sign) => {
    const sentAt = new Date(Date.now() + sign * (FIVE_MINUTES_MS + 60_000));
    await expect(
      deliver(trigger, signedDelivery(trigger, outgoingPayload(), { sentAt })),
    ).resolves.toEqual({
      status: 401,
      body: refused('timestamp_out_of_tolerance'),
    });
  });

  it('acknowledges the test payload without starting the workflow by default', async () => {
    const runs = trigger.runs.length;
    await expect(deliver(trigger, signedDelivery(trigger, testPayload()))).resolves.toEqual({
      status: 200,
      body: { received: true, ignored: 'test event' },
    });
    expect(trigger.runs).toHaveLength(runs);
  });

  it('answers a signed payload of an unknown kind with 422 and starts nothing', async () => {
    const runs = trigger.runs.length;
    await expect(
      deliver(trigger, signedDelivery(trigger, { event: 'something.new' })),
    ).resolves.toEqual({
      status: 422,
      body: refused('unexpected_event'),
    });
    expect(trigger.runs).toHaveLength(runs);
  });
});

describe('FourthChat Trigger events', () => {
  it('starts the workflow for the test payload when "Include Test Events" is on', async () => {
    const trigger = await published({ options: { includeTestEvents: true } });
    await deliver(trigger, signedDelivery(trigger, testPayload()));
    expect(trigger.runs).toEqual([
      { ...testPayload(), delivery: expect.objectContaining({ id: 'dlv_1' }) },
    ]);
  });

  it('starts on each of several chosen events, each as one flat item, and refuses the others', async () => {
    const trigger = await published({ events: ['ai.response', 'delivery.failed'] });
    await deliver(trigger, signedDelivery(trigger, outgoingPayload()));
    await deliver(trigger, signedDelivery(trigger, deliveryFailedEvent()));
    const paused = await deliver(trigger, signedDelivery(trigger, targetPausedEvent()));
    expect(paused).toEqual({ status: 422, body: refused('unexpected_event') });
    expect(trigger.runs.map(({ delivery: _delivery, ...item }) => item)).toEqual([
      outgoingPayload(),
      {
        type: 'delivery.failed',
        id: 'evt_1',
        connectionId: 'conn_1',
        timestamp: '2024-01-15T10:31:00Z',
        targetKind: 'webhook',
        targetUrl: 'https://crm.example.com/hook',
        deliveryId: 'dlv_9',
        messageId: 'msg_2',
        attempts: 4,
        lastError: 'HTTP 500',
        lastAttemptAt: '2024-01-15T10:31:00Z',
      },
    ]);
  });

  it('names the subscription of a paused subscription target', async () => {
    const trigger = await published({ events: ['target.paused'] });
    await deliver(trigger, signedDelivery(trigger, targetPausedEvent()));
    expect(trigger.runs[0]).toMatchObject({
      type: 'target.paused',
      targetKind: 'subscription',
      targetSubscriptionId: 'sub_7',
      targetUrl: 'https://crm.example.com/sub',
      reason: '100 consecutive deliveries failed',
    });
  });

  it('starts on Message Failed with the failure of one message, flat', async () => {
    const trigger = await published({ events: ['message.failed'] });
    const failure = {
      type: 'message.failed',
      id: 'evt_3',
      connectionId: 'conn_1',
      timestamp: '2024-01-15T10:32:00Z',
      data: {
        messageId: 'msg_1',
        conversationId: 'conv_1',
        userId: 'user-123',
        reason: 'AI error',
      },
    };
    await deliver(trigger, signedDelivery(trigger, failure));
    expect(trigger.runs).toEqual([
      {
        type: 'message.failed',
        id: 'evt_3',
        connectionId: 'conn_1',
        timestamp: '2024-01-15T10:32:00Z',
        messageId: 'msg_1',
        conversationId: 'conv_1',
        userId: 'user-123',
        reason: 'AI error',
        delivery: expect.objectContaining({ id: 'dlv_1' }),
      },
    ]);
  });

  it('keeps version 1 workflows on their one Event: AI replies by default, refusing events', async () => {
    const trigger = await published({}, 1);
    await deliver(trigger, signedDelivery(trigger, outgoingPayload()));
    const event = await deliver(trigger, signedDelivery(trigger, deliveryFailedEvent()));
    expect(event).toEqual({ status: 422, body: refused('unexpected_event') });
    expect(trigger.runs).toHaveLength(1);
  });

  it('refuses everything when it holds no subscription secret (unpublished)', async () => {
    const trigger = await published();
    const delivery = signedDelivery(trigger, outgoingPayload());
    await trigger.unpublish();
    await expect(deliver(trigger, delivery)).resolves.toEqual({
      status: 401,
      body: refused('not_subscribed'),
    });
  });
});
