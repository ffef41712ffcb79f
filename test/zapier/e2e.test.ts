// End-to-end: the Zapier app against a real relay on the embedded store (jest's global setup).
// NOT YET RUN: written against the agreed startRelayProcess({env?}) → {baseUrl, apiKey, stop()}
// of test/support/relay-process.ts, which (like the relay) did not exist yet. Needs `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { perform as sendMessage } from '../../zapier-app/src/creates/send-message/perform.js';
import { perform as receiveDelivery } from '../../zapier-app/src/triggers/new-ai-response/perform.js';
import { performUnsubscribe } from '../../zapier-app/src/triggers/hook/subscription.js';
import { performSubscribe } from '../../zapier-app/src/triggers/new-ai-response/subscription.js';
import { startRelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { appTester } from './support/app.js';
import { zapierRawRequest } from './support/raw-request.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { idOf, relayApi, type RelayApi } from './support/relay-api.js';
import { scaledMs } from '../support/time-scale.js';

const ZAP_HOOK_PATH = '/hooks/standard/zap-1';
const TIMEOUT_MS = scaledMs(120_000);

describe('Zapier app against a real relay', () => {
  let relay: Awaited<ReturnType<typeof startRelayProcess>>;
  let receiver: Receiver;
  let api: RelayApi;
  let authData: { apiKey: string; baseUrl: string };
  let connectionId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    relay = await startRelayProcess({
      env: {
        AI_PROVIDER: 'echo',
        RELAY_ALLOW_PRIVATE_URLS: 'true',
        RELAY_RETRY_SCHEDULE: '1s,1s,1s',
      },
    });
    authData = { apiKey: relay.apiKey, baseUrl: relay.baseUrl };
    api = relayApi(relay.baseUrl, relay.apiKey);
    const chatbot = await api.post('/api/chatbots', { name: 'Zapier e2e bot' });
    const connection = await api.post(`/api/chatbots/${idOf(chatbot)}/connections`, {
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

      const otherSubscription = {
        ...subscribeData,
        secret: 'whsec_b3RoZXItc3Vic2NyaXB0aW9uLXNlY3JldA==',
      };
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
});
