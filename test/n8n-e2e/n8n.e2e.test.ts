// End-to-end: the built n8n-nodes package inside a real n8n 2.40 against a real relay on FerretDB.
// Run with `npm run test:e2e:n8n` (scripts/n8n-e2e/run.mjs installs n8n and builds everything).
// Relies on the lead's test/support/ferretdb.ts and test/support/relay-process.ts.
import type { AcceptedMessage, Conversation, OutgoingPayload } from '@fourthchat/shared';
import { sign } from '@fourthchat/shared';
import { startFerretDb } from '../support/ferretdb.js';
import { startRelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { N8nHome, type RunningN8n } from './support/n8n.js';
import { relayApi, type RelayApi } from './support/relay-api.js';
import { type Sink, startSink } from './support/sink.js';
import {
  fourthChatCredential,
  sendMessageWorkflow,
  TRIGGER_WEBHOOK_ID,
  triggerWorkflow,
} from './support/workflows.js';

type Stoppable = { stop(): Promise<void> };

const cleanups: (() => Promise<void>)[] = [];
let api: RelayApi;
let sink: Sink;
let home: N8nHome;
let connectionId: string;

async function started<T extends Stoppable>(thing: Promise<T>): Promise<T> {
  const value = await thing;
  cleanups.push(() => value.stop());
  return value;
}

beforeAll(async () => {
  const ferret = await started(startFerretDb({}));
  const relay = await started(
    startRelayProcess({
      env: {
        MONGODB_URL: ferret.uri,
        AI_PROVIDER: 'echo',
        RELAY_ALLOW_PRIVATE_URLS: 'true',
        RELAY_RETRY_SCHEDULE: '1s,1s,1s',
      },
    }),
  );
  api = relayApi(relay.baseUrl, relay.apiKey);
  sink = await started(startSink());
  const chatbot = await api.post<{ id: string }>('/api/chatbots', { name: 'n8n e2e bot' });
  const connection = await api.post<{ id: string }>(`/api/chatbots/${chatbot.id}/connections`, {
    name: 'n8n e2e',
    webhookUrl: `${sink.url}/connection-webhook`,
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
  const workflow = () => triggerWorkflow(connectionId, `${sink.url}/n8n-run`);
  let n8n: RunningN8n;
  let webhookUrl: string;

  beforeAll(async () => {
    await home.importWorkflow(workflow());
    await home.publish(workflow().id);
    n8n = await started(home.start());
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

  async function sendAndAwaitRun(message: string): Promise<OutgoingPayload> {
    const accepted = await api.post<AcceptedMessage>('/api/webhooks/incoming', {
      connectionId,
      message,
      userId: 'e2e-trigger-user',
    });
    const run = await waitFor(
      () =>
        sink
          .on('/n8n-run')
          .map((request) => JSON.parse(request.body) as OutgoingPayload)
          .find((payload) => payload.conversationId === accepted.conversationId),
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
    expect(sink.on('/n8n-run').some((request) => request.body.includes('forged'))).toBe(false);
  });
});
