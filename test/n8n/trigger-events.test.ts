import type { IDataObject } from 'n8n-workflow';
import { FourthChatTrigger } from '../../n8n-nodes/nodes/FourthChatTrigger/FourthChatTrigger.node';
import { generateSecret } from '../../n8n-nodes/shared';
import { hookContext } from './support/contexts';
import { deliver, expectRefused, signedDelivery } from './support/deliveries';
import {
  CONNECTION_ID,
  connectionById,
  deliveryFailedEvent,
  outgoingPayload,
  targetPausedEvent,
} from './support/payloads';
import { installNock, relay } from './support/relay';

installNock();

const trigger = new FourthChatTrigger();
const { checkExists, create } = trigger.webhookMethods.default;
const WEBHOOK_URL = 'https://n8n.test/webhook/5f2c/webhook';
const SUBSCRIPTIONS = `/api/connections/${CONNECTION_ID}/subscriptions`;
const SAVED = { subscriptionId: 'sub_1', secret: 'whsec_c2VjcmV0' };

function hook(parameters: IDataObject, staticData: IDataObject = {}) {
  return hookContext({
    staticData,
    webhookUrl: WEBHOOK_URL,
    parameters: { connectionId: connectionById, ...parameters },
  });
}

function listed(events?: string[]) {
  return {
    id: 'sub_1',
    connectionId: CONNECTION_ID,
    targetUrl: WEBHOOK_URL,
    createdAt: '2024-01-15T10:30:00Z',
    ...(events === undefined ? {} : { events }),
  };
}

describe('FourthChat Trigger event option', () => {
  it('offers the events, with New AI Response as the default', () => {
    const property = trigger.description.properties.find(({ name }) => name === 'event');
    expect(property).toMatchObject({ type: 'options', default: 'ai.response' });
    const values = property?.options?.map((option) => 'value' in option && option.value);
    expect(values).toEqual(['delivery.failed', 'ai.response', 'target.paused', 'target.resumed']);
  });

  it.each(['delivery.failed', 'target.paused', 'target.resumed'])(
    'subscribes for %s only',
    async (event) => {
      const scope = relay()
        .post(SUBSCRIPTIONS, { targetUrl: WEBHOOK_URL, events: [event] })
        .reply(201, { ...listed([event]), secret: 'whsec_bmV3' });
      const context = hook({ event });
      await expect(create.call(context.asN8n)).resolves.toBe(true);
      expect(context.staticData).toEqual({ subscriptionId: 'sub_1', secret: 'whsec_bmV3' });
      scope.done();
    },
  );

  it.each([
    ['chosen', { event: 'ai.response' }],
    ['saved before the option existed', {}],
  ])(
    'subscribes for AI replies by naming no events (the relay default) when New AI Response is %s',
    async (_label, parameters) => {
      const scope = relay()
        .post(
          SUBSCRIPTIONS,
          (body) => JSON.stringify(body) === JSON.stringify({ targetUrl: WEBHOOK_URL }),
        )
        .reply(201, { ...listed(['ai.response']), secret: 'whsec_bmV3' });
      await create.call(hook(parameters).asN8n);
      scope.done();
    },
  );

  it('refuses to activate with an event it does not know', async () => {
    await expect(create.call(hook({ event: 'order.created' }).asN8n)).rejects.toMatchObject({
      message: '"Event" is not one this trigger knows: order.created',
    });
  });

  it('checkExists keeps a subscription that receives the chosen event', async () => {
    const scope = relay()
      .get(SUBSCRIPTIONS)
      .reply(200, { data: [listed(['delivery.failed'])] });
    const context = hook({ event: 'delivery.failed' }, { ...SAVED });
    await expect(checkExists.call(context.asN8n)).resolves.toBe(true);
    expect(context.staticData).toEqual(SAVED);
    scope.done();
  });

  it.each([
    ['another event', ['ai.response']],
    ['more events than the chosen one', ['delivery.failed', 'target.paused']],
    ['no events listed (a relay from before events: replies only)', undefined],
  ])(
    'checkExists re-subscribes after the event changed: the relay has %s',
    async (_label, events) => {
      const scope = relay()
        .get(SUBSCRIPTIONS)
        .reply(200, { data: [listed(events)] });
      const context = hook({ event: 'delivery.failed' }, { ...SAVED });
      await expect(checkExists.call(context.asN8n)).resolves.toBe(false);
      expect(context.staticData).toEqual({});
      scope.done();
    },
  );

  it('checkExists counts a subscription listed without events as one for AI replies', async () => {
    const scope = relay()
      .get(SUBSCRIPTIONS)
      .reply(200, { data: [listed()] });
    await expect(checkExists.call(hook({}, { ...SAVED }).asN8n)).resolves.toBe(true);
    scope.done();
  });
});

describe('FourthChat Trigger webhook for relay events', () => {
  it('starts the workflow with a signed delivery.failed as one flat item', async () => {
    const { result, response } = await deliver(signedDelivery(deliveryFailedEvent()), {
      event: 'delivery.failed',
    });
    expect(result).toEqual({
      webhookResponse: { received: true },
      workflowData: [
        [
          {
            json: {
              type: 'delivery.failed',
              id: 'evt_1',
              connectionId: CONNECTION_ID,
              timestamp: '2024-01-15T10:31:00Z',
              targetKind: 'webhook',
              targetUrl: 'https://crm.example.com/hook',
              deliveryId: 'dlv_9',
              messageId: 'msg_2',
              attempts: 4,
              lastError: 'HTTP 500',
              lastAttemptAt: '2024-01-15T10:31:00Z',
            },
          },
        ],
      ],
    });
    expect(response).toEqual({});
  });

  it('names the subscription of a paused subscription target', async () => {
    const { result } = await deliver(signedDelivery(targetPausedEvent()), {
      event: 'target.paused',
    });
    expect(result.workflowData?.[0]?.[0]?.json).toEqual({
      type: 'target.paused',
      id: 'evt_2',
      connectionId: CONNECTION_ID,
      timestamp: '2024-01-20T10:30:00Z',
      targetKind: 'subscription',
      targetUrl: 'https://crm.example.com/sub',
      targetSubscriptionId: 'sub_7',
      reason: '100 consecutive deliveries failed',
      consecutiveFailures: 100,
      failingSince: '2024-01-15T10:31:00Z',
      lastError: 'HTTP 500',
    });
  });

  it('refuses a delivery.failed signed with another secret', async () => {
    const forged = signedDelivery(deliveryFailedEvent(), { secret: generateSecret() });
    expectRefused(await deliver(forged, { event: 'delivery.failed' }), 'invalid_signature');
  });

  it.each([
    ['another event', targetPausedEvent()],
    ['an AI reply', outgoingPayload()],
    ['an event without its target', { ...deliveryFailedEvent(), data: { attempts: 4 } }],
  ])('answers %s with 422 and starts nothing when set to delivery.failed', async (_label, body) => {
    const outcome = await deliver(signedDelivery(body), { event: 'delivery.failed' });
    expectRefused(outcome, 'unexpected_event', 422);
  });

  it('keeps starting on AI replies only by default, refusing events', async () => {
    const payload = outgoingPayload();
    expect((await deliver(signedDelivery(payload))).result).toEqual({
      webhookResponse: { received: true },
      workflowData: [[{ json: payload }]],
    });
    expectRefused(await deliver(signedDelivery(deliveryFailedEvent())), 'unexpected_event', 422);
  });
});
