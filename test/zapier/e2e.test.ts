// End-to-end: the Zapier app, run by zapier-platform-core, against a real relay on the embedded
// store (jest's global setup). Needs the built relay (`npm run build`).
import { describe, expect, it } from '@jest/globals';
import { perform as getConversation } from '../../zapier-app/src/creates/get-conversation/perform.js';
import { performResume } from '../../zapier-app/src/creates/send-and-wait/resume.js';
import { perform as sendMessage } from '../../zapier-app/src/creates/send-message/perform.js';
import { perform as findConversation } from '../../zapier-app/src/searches/find-conversation/perform.js';
import { perform as findReply } from '../../zapier-app/src/searches/find-reply/perform.js';
import { performUnsubscribe } from '../../zapier-app/src/triggers/hook/subscription.js';
import { perform as receiveReply } from '../../zapier-app/src/triggers/new-ai-response/perform.js';
import { performSubscribe } from '../../zapier-app/src/triggers/new-ai-response/subscription.js';
import { deliveryFailedHook } from '../../zapier-app/src/triggers/relay-event/delivery-failed.js';
import { subscriptionRemovedHook } from '../../zapier-app/src/triggers/relay-event/subscription-removed.js';
import { webhookResumedHook } from '../../zapier-app/src/triggers/relay-event/webhook-resumed.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';
import { appTester } from './support/app.js';
import { performLive } from './support/callback.js';
import { hooksOf } from './support/hooks.js';
import { handedOver } from './support/raw-request.js';
import { relayForZapierTests } from './support/relay.js';

/** A CRM endpoint that is down, and the hook of a Zap Zapier has turned off. */
const FAILING_WEBHOOK_PATH = '/failing-crm';
const GONE = 'gone';
const relay = relayForZapierTests({
  statusFor: (path) => (path === FAILING_WEBHOOK_PATH ? 500 : path.includes(GONE) ? 410 : 200),
});
const hooks = hooksOf(relay);
const TIMEOUT_MS = scaledMs(120_000);

/** The Zap of `hook` turned on for `connectionId`, Zapier's hook URL `name` on the receiver. */
const turnOn = (
  subscribe: typeof performSubscribe,
  name: string,
  connectionId = relay.connectionId,
) =>
  appTester(subscribe, {
    authData: relay.authData,
    inputData: { connectionId },
    targetUrl: hooks.url(name),
  });

describe('Zapier app against a real relay', () => {
  it(
    'subscribes with an expiry, renews, verifies the delivered reply with its delivery, unsubscribes',
    async () => {
      const subscribeData = await turnOn(performSubscribe, 'zap-1');
      expect(Date.parse(subscribeData.expiration_date ?? '')).toBeGreaterThan(Date.now());
      expect(await turnOn(performSubscribe, 'zap-1')).toMatchObject({ id: subscribeData.id });

      const sent = await appTester(sendMessage, {
        authData: relay.authData,
        inputData: {
          connectionId: relay.connectionId,
          message: 'Hello',
          userId: 'e2e',
          wait: true,
        },
      });
      if (sent.status !== 'replied') throw new Error(`no reply: ${JSON.stringify(sent)}`);
      const delivery = await hooks.received('zap-1');
      const items = await appTester(receiveReply, {
        rawRequest: handedOver(delivery),
        subscribeData,
      });

      expect(items).toEqual([
        expect.objectContaining({
          id: sent.message.id,
          message: { id: sent.message.id, role: 'assistant', content: '[ai] Hello' },
          delivery: {
            id: delivery.headers['webhook-id'],
            attempt: 1,
            isLastAttempt: false,
            url: `${relay.process.baseUrl}/api/deliveries/${delivery.headers['webhook-id'] ?? ''}`,
          },
        }),
      ]);
      const forged = { ...subscribeData, secret: 'whsec_b3RoZXItc3Vic2NyaXB0aW9uLXNlY3JldA==' };
      expect(
        await appTester(receiveReply, { rawRequest: handedOver(delivery), subscribeData: forged }),
      ).toEqual([]);

      await appTester(performUnsubscribe, { authData: relay.authData, subscribeData });
      expect((await hooks.subscriptions()).map(({ id }) => id)).not.toContain(subscribeData.id);
    },
    TIMEOUT_MS,
  );

  it(
    'Delivery Failed receives a real delivery.failed when the webhook URL keeps failing',
    async () => {
      const failing = await relay.addConnection('CRM down', FAILING_WEBHOOK_PATH);
      const subscribeData = await turnOn(deliveryFailedHook.performSubscribe, 'zap-alert', failing);

      await relay.api.post('/api/webhooks/incoming', { connectionId: failing, message: 'Hi' });
      // Four attempts one second apart (RELAY_RETRY_SCHEDULE), then the event.
      const delivery = await hooks.received('zap-alert');
      const items = await appTester(deliveryFailedHook.perform, {
        rawRequest: handedOver(delivery),
        subscribeData,
      });

      const attempts = relay.receiver.received.filter(({ path }) => path === FAILING_WEBHOOK_PATH);
      expect(attempts).toHaveLength(4);
      expect(items).toEqual([
        expect.objectContaining({
          type: 'delivery.failed',
          connectionId: failing,
          data: expect.objectContaining({
            target: { kind: 'webhook', url: `${relay.receiver.url}${FAILING_WEBHOOK_PATH}` },
            attempts: 4,
            lastError: expect.stringContaining('500'),
          }),
        }),
      ]);
      const samples = await appTester(deliveryFailedHook.performList, {
        authData: relay.authData,
        inputData: { connectionId: failing },
      });
      expect(samples).toContainEqual(
        expect.objectContaining({ data: expect.objectContaining({ attempts: 4 }) }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'Webhook Resumed receives a real target.resumed when the webhook URL is resumed',
    async () => {
      const subscribeData = await turnOn(webhookResumedHook.performSubscribe, 'zap-resumed');
      const connection = `/api/connections/${relay.connectionId}`;

      await relay.api.patch(connection, { paused: true });
      await relay.api.patch(connection, { paused: false });
      const delivery = await hooks.received('zap-resumed');

      expect(
        await appTester(webhookResumedHook.perform, {
          rawRequest: handedOver(delivery),
          subscribeData,
        }),
      ).toEqual([
        expect.objectContaining({
          type: 'target.resumed',
          data: { target: { kind: 'webhook', url: expect.any(String) }, by: 'api' },
        }),
      ]);
    },
    TIMEOUT_MS,
  );

  it(
    'removes the subscription of a Zap hook that answers 410, never silently',
    async () => {
      const alert = await turnOn(subscriptionRemovedHook.performSubscribe, 'zap-removed-alert');
      const gone = await turnOn(performSubscribe, `zap-${GONE}`);

      await relay.api.post('/api/webhooks/incoming', {
        connectionId: relay.connectionId,
        message: 'Hi',
      });
      const delivery = await hooks.received('zap-removed-alert');
      const items = await appTester(subscriptionRemovedHook.perform, {
        rawRequest: handedOver(delivery),
        subscribeData: alert,
      });

      const removed = { subscription: { id: gone.id, targetUrl: hooks.url(`zap-${GONE}`) } };
      expect(items).toEqual([
        expect.objectContaining({ data: { ...removed, reason: GONE, heldDeliveries: 0 } }),
      ]);
      expect((await hooks.subscriptions()).map(({ id }) => id)).not.toContain(gone.id);
      const samples = await appTester(subscriptionRemovedHook.performList, {
        authData: relay.authData,
        inputData: { connectionId: relay.connectionId },
      });
      expect(samples).toContainEqual(
        expect.objectContaining({ data: expect.objectContaining(removed) }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'resumes Send Message and Wait with a reply that came after the step returned; the lookups find it',
    async () => {
      const authData = relay.authData;
      const callbackPath = '/hooks/callback/e2e/';
      relay.ai.hold();
      let run;
      try {
        run = await performLive(
          'sendMessageAndWait',
          {
            authData,
            inputData: {
              connectionId: relay.connectionId,
              message: 'Ponder this',
              userId: 'e2e-long',
            },
          },
          `${relay.receiver.url}${callbackPath}`,
        );
        const { messageId } = (run.results as { sent: { messageId: string } }).sent;
        await waitFor(() => relay.ai.held() === 1, { what: 'the AI request to be held' });
        expect(await appTester(findReply, { authData, inputData: { messageId } })).toEqual([
          expect.objectContaining({ id: messageId, status: 'pending' }),
        ]);
      } finally {
        relay.ai.release();
      }
      const callback = await waitFor(
        () => relay.receiver.received.find(({ path }) => path === callbackPath),
        { what: 'the callback' },
      );

      const reply = await appTester(performResume, {
        outputData: run.results as object,
        rawRequest: handedOver(callback),
        cleanedRequest: JSON.parse(callback.body) as object,
      });

      expect(reply).toMatchObject({ status: 'replied', message: { content: '[ai] Ponder this' } });
      const [found] = await appTester(findReply, {
        authData,
        inputData: { messageId: reply.messageId },
      });
      expect(found).toMatchObject({ status: 'replied', message: reply.message });
      const [conversation] = await appTester(findConversation, {
        authData,
        inputData: { connectionId: relay.connectionId, userId: 'e2e-long' },
      });
      expect(conversation).toMatchObject({
        id: reply.conversationId,
        transcript: 'User: Ponder this\n\nAssistant: [ai] Ponder this',
      });
      expect(
        await appTester(getConversation, {
          authData,
          inputData: { conversationId: reply.conversationId },
        }),
      ).toEqual({ ...conversation, availableSince: expect.any(String) }); // counted from now
    },
    TIMEOUT_MS,
  );
});
