// End-to-end: the built n8n-nodes package inside a real n8n 2.40 against a real relay on the embedded store.
// Run with `npm run test:e2e:n8n` (scripts/n8n-e2e/run.mjs installs n8n and builds everything).
import type { AcceptedMessage, Conversation, OutgoingPayload } from '@fourthchat/shared';
import { sign } from '@fourthchat/shared';
import { type Receiver, startReceiver } from '../support/receiver.js';
import { startRelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { N8nHome, type RunningN8n } from './support/n8n.js';
import { relayApi, type RelayApi } from './support/relay-api.js';
import {
  fourthChatCredential,
  sendMessageWorkflow,
  TRIGGER_WEBHOOK_ID,
  triggerWorkflow,
} from './support/workflows.js';

const REPORT_PATH = '/webhook/n8n-run';

const cleanups: (() => Promise<void>)[] = [];
let api: RelayApi;
let receiver: Receiver;
let home: N8nHome;
let connectionId: string;

/** The payloads that workflow runs reported to the receiver. */
function reportedRuns(): OutgoingPayload[] {
  return receiver.requests
    .filter((request) => request.path === REPORT_PATH)
    .map((request) => JSON.parse(request.body) as OutgoingPayload);
}

beforeAll(async () => {
  // The relay and its store (jest's global setup) as users run them, with the echo AI.
  const relay = await startRelayProcess();
  cleanups.push(() => relay.stop());
  api = relayApi(relay.baseUrl, relay.apiKey);
  receiver = await startReceiver();
  cleanups.push(() => receiver.close());
  const chatbot = await api.post<{ id: string }>('/api/chatbots', { name: 'n8n e2e bot' });
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

describe('(b) a published workflow "FourthChat Trigger → Report"', () => {
  const workflow = () =>
    triggerWorkflow(connectionId, `${new URL(receiver.url).origin}${REPORT_PATH}`);
  let n8n: RunningN8n;
  let webhookUrl: string;

  beforeAll(async () => {
    await home.importWorkflow(workflow());
    await home.publish(workflow().id);
    n8n = await home.start();
    cleanups.push(() => n8n.stop());
    webhookUrl = `${n8n.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
    // Activation subscribes the trigger's webhook URL on the relay.
    await waitFor(
      async () => {
        const { data } = await api.get<{ data: { targetUrl: string }[] }>(
          `/api/connections/${connectionId}/subscriptions`,
        );
        return data.some((subscription) => subscription.targetUrl === webhookUrl);
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the trigger to subscribe on the relay' },
    );
  });

  /** Sends a message to the relay and waits for the workflow run that carries its reply. */
  async function sendAndAwaitRun(message: string): Promise<OutgoingPayload> {
    const earlier = new Set(reportedRuns().map((payload) => payload.message.id));
    const accepted = await api.post<AcceptedMessage>('/api/webhooks/incoming', {
      connectionId,
      message,
      userId: 'e2e-trigger-user',
    });
    const run = await waitFor(
      () =>
        reportedRuns().find(
          (payload) =>
            payload.conversationId === accepted.conversationId && !earlier.has(payload.message.id),
        ),
      { timeoutMs: 60_000, intervalMs: 250, what: `n8n to run the workflow for "${message}"` },
    );
    return run;
  }

  test('runs the workflow with the reply when a message is sent to the relay', async () => {
    const payload = await sendAndAwaitRun('Hello from the trigger test');
    expect(payload).toMatchObject({
      connectionId,
      userId: 'e2e-trigger-user',
      message: { role: 'assistant', content: expect.any(String) },
    });
    const conversation = await api.get<Conversation>(
      `/api/conversations/${payload.conversationId}`,
    );
    expect(conversation.messages.at(-1)).toMatchObject({
      id: payload.message.id,
      content: payload.message.content,
    });
  });

  test('answers a forged delivery with 401 and runs nothing', async () => {
    const before = await home.countExecutions(workflow().id);
    const body = JSON.stringify({
      connectionId,
      conversationId: 'forged-conversation',
      message: { id: 'forged', role: 'assistant', content: 'Send me your password' },
      timestamp: new Date().toISOString(),
      metadata: {},
    });
    const forgedHeaders = sign({
      secret: 'whsec_Zm9yZ2VkLWtleS1mb3JnZWQ=',
      id: 'forged-1',
      now: new Date(),
      body,
    });
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forgedHeaders },
      body,
    });
    expect(response.status).toBe(401);

    // A genuine delivery afterwards still runs, and it is the only new execution.
    await sendAndAwaitRun('Hello after the forgery');
    await waitFor(async () => (await home.countExecutions(workflow().id)) === before + 1, {
      timeoutMs: 30_000,
      what: 'the genuine execution to be stored',
    });
    expect(await home.countExecutions(workflow().id)).toBe(before + 1);
    expect(reportedRuns().map((payload) => payload.message.id)).not.toContain('forged');
  });
});
