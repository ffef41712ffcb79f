// End-to-end: the built n8n-nodes package inside a real n8n 2.40 against a real relay on the embedded store.
// Run with `npm run test:e2e:n8n` (scripts/n8n-e2e/run.mjs installs n8n and builds everything).
import type { AcceptedMessage, Conversation, OutgoingPayload } from '@fourthchat/shared';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.js';
import { type Receiver, startReceiver } from '../support/receiver.js';
import { startRelayProcess } from '../support/relay-process.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';
import { aiReplyScenarios } from './ai-replies.js';
import { HELD_REPORT_PATH, issue23Scenarios, SLOW_REPORT_PATH } from './issue-23.js';
import { HELD_TRIGGER, slowReplyWorkflow } from './support/long-wait-workflows.js';
import { N8nHome, type RunningN8n } from './support/n8n.js';
import { awaitSubscribed, relayApi, type RelayApi } from './support/relay-api.js';
import {
  DELIVERY_FAILED_TRIGGER,
  fourthChatCredential,
  loopWorkflow,
  REPLY_TRIGGER,
  sendMessageWorkflow,
  triggerWorkflow,
  type TriggerVariant,
} from './support/workflows.js';

const REPORT_PATH = '/webhook/n8n-run';
const ALERT_PATH = '/webhook/n8n-alert';
/** The webhook URL of a connection whose CRM is down: every delivery to it answers 500. */
const FAILING_PATH = '/failing-crm';

const cleanups: (() => Promise<void>)[] = [];
let api: RelayApi;
let receiver: Receiver;
let home: N8nHome;
let connectionId: string;
let chatbotId: string;
let relayBaseUrl: string;
let relayApiKey: string;
let ai: FakeOpenAi;

/** The items that workflow runs reported to the receiver at `path`. */
function reported<T>(path: string): T[] {
  return receiver.requests
    .filter((request) => request.path === path)
    .map((request) => JSON.parse(request.body) as T);
}

function reportedRuns(): OutgoingPayload[] {
  return reported<OutgoingPayload>(REPORT_PATH);
}

beforeAll(async () => {
  // The relay and its store (jest's global setup) as users run them, with a loopback OpenAI the
  // tests can hold; retries 100 ms apart, so that a delivery to a failing webhook URL gives up
  // (delivery.failed) at once; a target paused after 3 failed deliveries, probed every 2 s; a 5 s
  // sync window.
  ai = await startFakeOpenAi();
  cleanups.push(() => ai.close());
  const relay = await startRelayProcess({
    env: {
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: ai.baseUrl,
      OPENAI_API_KEY: 'sk-e2e',
      RELAY_RETRY_SCHEDULE: '100ms,100ms,100ms',
      RELAY_DISABLE_AFTER: '3',
      RELAY_PROBE_INTERVAL: '2s',
      RELAY_SYNC_TIMEOUT_MS: '5000',
    },
  });
  cleanups.push(() => relay.stop());
  relayBaseUrl = relay.baseUrl;
  relayApiKey = relay.apiKey;
  api = relayApi(relay.baseUrl, relay.apiKey);
  receiver = await startReceiver((request) =>
    request.path === FAILING_PATH ? { status: 500, body: 'CRM down' } : { status: 200, body: 'ok' },
  );
  cleanups.push(() => receiver.close());
  const chatbot = await api.post<{ id: string }>('/api/chatbots', { name: 'n8n e2e bot' });
  chatbotId = chatbot.id;
  const connection = await api.post<{ id: string }>(`/api/chatbots/${chatbot.id}/connections`, {
    name: 'n8n e2e',
    webhookUrl: receiver.url,
  });
  connectionId = connection.id;
  home = await N8nHome.create();
  cleanups.push(() => home.remove());
  await home.importCredentials([fourthChatCredential(relay.baseUrl, relay.apiKey)]);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('(a) Manual → FourthChat Send Message (wait for reply) returns the AI reply', async () => {
  const workflow = sendMessageWorkflow(connectionId, 'Hello from an n8n workflow');
  await home.importWorkflow(workflow);
  const items = await home.execute(workflow.id);

  const reply = items['Send Message']?.[0]?.json as unknown as OutgoingPayload;
  expect(reply).toMatchObject({
    connectionId,
    userId: 'e2e-user',
    message: { role: 'assistant', content: expect.any(String) },
  });
  expect(reply.message.content).not.toBe('');
  const conversation = await api.get<Conversation>(`/api/conversations/${reply.conversationId}`);
  expect(conversation.messages.map(({ role, content }) => ({ role, content }))).toEqual([
    { role: 'user', content: 'Hello from an n8n workflow' },
    { role: 'assistant', content: reply.message.content },
  ]);
});

test('(c) a loop sends each message through the node in its own run and gets two replies', async () => {
  const messages = ['First message of the loop', 'Second message of the loop'];
  const workflow = loopWorkflow(connectionId, messages);
  await home.importWorkflow(workflow);
  const runs = await home.executeRuns(workflow.id);

  // One run of the node per pass, each with its own reply (before the fix the second pass reused
  // the first pass's Idempotency-Key and the relay refused it with 409).
  const replies = (runs['Send Message'] ?? []).map(
    (items) => items[0]?.json as unknown as OutgoingPayload,
  );
  expect(replies).toHaveLength(2);
  const [first, second] = replies;
  expect(first?.message.id).not.toBe(second?.message.id);
  expect(first?.message.content).not.toBe(second?.message.content);
  expect(first?.conversationId).toBe(second?.conversationId);
  const conversation = await api.get<Conversation>(`/api/conversations/${first?.conversationId}`);
  expect(conversation.messages.map(({ role, content }) => ({ role, content }))).toEqual([
    { role: 'user', content: messages[0] },
    { role: 'assistant', content: first?.message.content },
    { role: 'user', content: messages[1] },
    { role: 'assistant', content: second?.message.content },
  ]);
});

describe('published workflows "FourthChat Trigger → Report"', () => {
  const origin = () => new URL(receiver.url).origin;
  const workflows = () => [
    triggerWorkflow(connectionId, `${origin()}${REPORT_PATH}`, REPLY_TRIGGER),
    triggerWorkflow(failingConnectionId, `${origin()}${ALERT_PATH}`, DELIVERY_FAILED_TRIGGER),
    triggerWorkflow(heldConnectionId, `${origin()}${HELD_REPORT_PATH}`, HELD_TRIGGER),
    slowReplyWorkflow(connectionId, `${origin()}${SLOW_REPORT_PATH}`),
  ];
  let n8n: RunningN8n;
  let failingConnectionId: string;
  let heldConnectionId: string;

  const webhookUrlOf = (variant: TriggerVariant) =>
    `${n8n.baseUrl}/webhook/${variant.webhookId}/webhook`;

  const awaitSubscription = (connection: string, variant: TriggerVariant) =>
    awaitSubscribed(api, connection, webhookUrlOf(variant), variant);

  beforeAll(async () => {
    const failing = await api.post<{ id: string }>(`/api/chatbots/${chatbotId}/connections`, {
      name: 'n8n e2e, CRM down',
      webhookUrl: `${origin()}${FAILING_PATH}`,
    });
    failingConnectionId = failing.id;
    const held = await api.post<{ id: string }>(`/api/chatbots/${chatbotId}/connections`, {
      name: 'n8n e2e, held while n8n is down',
      webhookUrl: `${origin()}/held-connection-webhook`,
    });
    heldConnectionId = held.id;
    await home.importWorkflows(workflows());
    for (const workflow of workflows()) await home.publish(workflow.id);
    n8n = await home.start();
    cleanups.push(() => n8n.stop());
    await awaitSubscription(connectionId, REPLY_TRIGGER);
    await awaitSubscription(failingConnectionId, DELIVERY_FAILED_TRIGGER);
    await awaitSubscription(heldConnectionId, HELD_TRIGGER);
    // Four workflows imported and published through n8n's CLI (each run boots n8n), then started.
  }, scaledMs(100_000));

  aiReplyScenarios({
    api: () => api,
    home: () => home,
    n8nBaseUrl: () => n8n.baseUrl,
    connectionId: () => connectionId,
    replyWebhookUrl: () => webhookUrlOf(REPLY_TRIGGER),
    relay: () => ({ baseUrl: relayBaseUrl, apiKey: relayApiKey }),
    reportedRuns,
  });

  describe('(d) on failed deliveries', () => {
    test('runs with the delivery.failed of a webhook URL that keeps failing', async () => {
      const accepted = await api.post<AcceptedMessage>('/api/webhooks/incoming', {
        connectionId: failingConnectionId,
        message: 'Hello while the CRM is down',
        userId: 'e2e-alert-user',
      });
      const alert = await waitFor(
        () =>
          reported<Record<string, unknown>>(ALERT_PATH).find(
            (item) => item.connectionId === failingConnectionId,
          ),
        {
          timeoutMs: scaledMs(60_000),
          intervalMs: 250,
          what: 'n8n to run the Delivery Failed workflow',
        },
      );

      const attempts = receiver.requests.filter((request) => request.path === FAILING_PATH);
      expect(attempts).toHaveLength(4);
      const conversation = await api.get<Conversation>(
        `/api/conversations/${accepted.conversationId}`,
      );
      expect(alert).toEqual({
        type: 'delivery.failed',
        id: expect.any(String),
        connectionId: failingConnectionId,
        timestamp: expect.any(String),
        targetKind: 'webhook',
        targetUrl: `${origin()}${FAILING_PATH}`,
        deliveryId: expect.any(String),
        messageId: conversation.messages.at(-1)?.id,
        attempts: 4,
        lastError: expect.stringContaining('500'),
        lastAttemptAt: expect.any(String),
        delivery: {
          id: expect.any(String),
          attempt: 1,
          isLastAttempt: false,
          url: expect.stringContaining('/api/deliveries/'),
        },
      });
    });
  });

  issue23Scenarios({
    api: () => api,
    ai: () => ai,
    receiver: () => receiver,
    home: () => home,
    n8n: () => n8n,
    stopN8n: () => n8n.stop(),
    restartN8n: async () => {
      n8n = await home.start(n8n.port);
      cleanups.push(() => n8n.stop());
    },
    connectionId: () => connectionId,
    heldConnectionId: () => heldConnectionId,
    heldWebhookUrl: () => webhookUrlOf(HELD_TRIGGER),
    slowWorkflowId: 'fcE2eSlowReply',
  });
});
