// End-to-end: the Zapier app against a real relay on the embedded store (jest's global setup).
// Needs the built relay (`npm run build`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { perform as sendMessage } from '../../zapier-app/src/creates/send-message/perform.js';
import { perform as receiveDelivery } from '../../zapier-app/src/triggers/new-ai-response/perform.js';
import { performUnsubscribe } from '../../zapier-app/src/triggers/hook/subscription.js';
import { performSubscribe } from '../../zapier-app/src/triggers/new-ai-response/subscription.js';
import { deliveryFailedHook } from '../../zapier-app/src/triggers/relay-event/delivery-failed.js';
import { startRelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { appTester } from './support/app.js';
import { zapierRawRequest } from './support/raw-request.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { idOf, relayApi, type RelayApi } from './support/relay-api.js';
import { scaledMs } from '../support/time-scale.js';

const ZAP_HOOK_PATH = '/hooks/standard/zap-1';
const ALERT_HOOK_PATH = '/hooks/standard/zap-alert';
/** A CRM endpoint that is down: every delivery to it fails. */
const FAILING_WEBHOOK_PATH = '/failing-crm';
const TIMEOUT_MS = scaledMs(120_000);

/** The same subscription with another secret: what a forger would verify with. */
function withOtherSecret<T extends { secret: string }>(subscribeData: T): T {
  return { ...subscribeData, secret: 'whsec_b3RoZXItc3Vic2NyaXB0aW9uLXNlY3JldA==' };
}

describe('Zapier app against a real relay', () => {
  let relay: Awaited<ReturnType<typeof startRelayProcess>>;
  let receiver: Receiver;
  let api: RelayApi;
  let authData: { apiKey: string; baseUrl: string };
  let connectionId: string;
  let chatbotId: string;

  beforeAll(async () => {
    receiver = await startReceiver((path) => (path === FAILING_WEBHOOK_PATH ? 500 : 200));
    relay = await startRelayProcess({
      env: {
        AI_PROVIDER: 'echo',
        RELAY_ALLOW_PRIVATE_URLS: 'true',
        RELAY_RETRY_SCHEDULE: '1s,1s,1s',
      },
    });
    authData = { apiKey: relay.apiKey, baseUrl: relay.baseUrl };
    api = relayApi(relay.baseUrl, relay.apiKey);
    chatbotId = idOf(await api.post('/api/chatbots', { name: 'Zapier e2e bot' }));
    const connection = await api.post(`/api/chatbots/${chatbotId}/connections`, {
      name: 'Zapier e2e',
      webhookUrl: `${receiver.url}/connection-webhook`,
    });
    connectionId = idOf(connection);
  }, TIMEOUT_MS);

  afterAll(async () => {
    await relay?.stop();
    await receiver?.close();
  }, TIMEOUT_MS);

  it(
    'subscribes, sends a message, verifies the delivered reply and unsubscribes',
    async () => {
      const subscribeData = await appTester(performSubscribe, {
        authData,
        inputData: { connectionId },
        targetUrl: `${receiver.url}${ZAP_HOOK_PATH}`,
      });
      const subscriptions = () => api.get(`/api/connections/${connectionId}/subscriptions`);
      expect(await subscriptions()).toEqual({
        data: [
          expect.objectContaining({
            id: subscribeData.id,
            targetUrl: `${receiver.url}${ZAP_HOOK_PATH}`,
          }),
        ],
      });

      const sent = await appTester(sendMessage, {
        authData,
        inputData: { connectionId, message: 'Hello from Zapier', userId: 'zap-user', wait: true },
      });
      expect(sent.status).toBe('replied');
      if (sent.status !== 'replied') throw new Error('no reply');

      const delivery = await waitFor(
        () => receiver.received.find((request) => request.path === ZAP_HOOK_PATH),
        { timeoutMs: 30_000, what: 'the delivery to the Zap hook URL' },
      );
      const items = await appTester(receiveDelivery, {
        rawRequest: zapierRawRequest(delivery.body, delivery.headers),
        subscribeData,
      });

      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        id: sent.message.id,
        connectionId,
        conversationId: sent.conversationId,
        userId: 'zap-user',
        message: { role: 'assistant', content: sent.message.content },
      });
      expect(sent.message.content).not.toBe('');

      const otherSubscription = withOtherSecret(subscribeData);
      const forged = await appTester(receiveDelivery, {
        rawRequest: zapierRawRequest(delivery.body, delivery.headers),
        subscribeData: otherSubscription,
      });
      expect(forged).toEqual([]);

      await appTester(performUnsubscribe, { authData, subscribeData });
      expect(await subscriptions()).toEqual({ data: [] });
    },
    TIMEOUT_MS,
  );

  it(
    'Delivery Failed receives a real delivery.failed when the webhook URL keeps failing',
    async () => {
      const connection = await api.post(`/api/chatbots/${chatbotId}/connections`, {
        name: 'Zapier e2e, CRM down',
        webhookUrl: `${receiver.url}${FAILING_WEBHOOK_PATH}`,
      });
      const failingConnectionId = idOf(connection);
      const inputData = { connectionId: failingConnectionId };
      const subscribeData = await appTester(deliveryFailedHook.performSubscribe, {
        authData,
        inputData,
        targetUrl: `${receiver.url}${ALERT_HOOK_PATH}`,
      });

      await api.post('/api/webhooks/incoming', {
        connectionId: failingConnectionId,
        message: 'Hello while the CRM is down',
        userId: 'zap-user',
      });
      // Four attempts one second apart (the relay's RELAY_RETRY_SCHEDULE above), then the event.
      const delivery = await waitFor(
        () => receiver.received.find((request) => request.path === ALERT_HOOK_PATH),
        { timeoutMs: scaledMs(60_000), what: 'the delivery.failed event at the Zap hook URL' },
      );
      expect(delivery.headers['x-webhook-event']).toBe('delivery.failed');
      const failedAttempts = receiver.received.filter(
        (request) => request.path === FAILING_WEBHOOK_PATH,
      );
      const items = await appTester(deliveryFailedHook.perform, {
        rawRequest: zapierRawRequest(delivery.body, delivery.headers),
        subscribeData,
      });

      expect(items).toEqual([
        {
          type: 'delivery.failed',
          id: expect.any(String),
          connectionId: failingConnectionId,
          timestamp: expect.any(String),
          data: expect.objectContaining({
            target: { kind: 'webhook', url: `${receiver.url}${FAILING_WEBHOOK_PATH}` },
            deliveryId: expect.any(String),
            messageId: expect.any(String),
            attempts: failedAttempts.length,
            lastError: expect.stringContaining('500'),
          }),
          delivery: expect.objectContaining({ id: delivery.headers['webhook-id'] }),
        },
      ]);
      expect(failedAttempts).toHaveLength(4);

      const otherSubscription = withOtherSecret(subscribeData);
      const forged = await appTester(deliveryFailedHook.perform, {
        rawRequest: zapierRawRequest(delivery.body, delivery.headers),
        subscribeData: otherSubscription,
      });
      expect(forged).toEqual([]);

      // The samples Zapier offers are the same failure, read back from the delivery log.
      const samples = await appTester(deliveryFailedHook.performList, { authData, inputData });
      expect(samples).toContainEqual(
        expect.objectContaining({
          type: 'delivery.failed',
          data: expect.objectContaining({ deliveryId: items[0]?.data.deliveryId, attempts: 4 }),
        }),
      );

      await appTester(deliveryFailedHook.performUnsubscribe, { authData, subscribeData });
      expect(await api.get(`/api/connections/${failingConnectionId}/subscriptions`)).toEqual({
        data: [],
      });
    },
    TIMEOUT_MS,
  );
});
