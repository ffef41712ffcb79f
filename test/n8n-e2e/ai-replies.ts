// Scenario (b) of n8n.e2e.test.ts, in its published-workflows block: the published "FourthChat
// Trigger → Report" runs on AI replies, refuses a forged delivery, and the credential test of
// n8n's editor says what to fix.
import type { AcceptedMessage, Conversation, OutgoingPayload } from '@fourthchat/shared';
import { sign } from '@fourthchat/shared';
import { waitFor } from '../support/wait.js';
import type { N8nHome } from './support/n8n.js';
import { ownerSession } from './support/n8n-rest.js';
import type { RelayApi } from './support/relay-api.js';
import { CREDENTIAL, REPLY_TRIGGER } from './support/workflows.js';

const REPLY_TRIGGER_ID = REPLY_TRIGGER.id;

export interface AiReplyContext {
  api: () => RelayApi;
  home: () => N8nHome;
  n8nBaseUrl: () => string;
  connectionId: () => string;
  replyWebhookUrl: () => string;
  relay: () => { baseUrl: string; apiKey: string };
  reportedRuns: () => OutgoingPayload[];
}

export function aiReplyScenarios(ctx: AiReplyContext): void {
  describe('(b) on AI replies', () => {
    /** Sends a message to the relay and waits for the workflow run that carries its reply. */
    async function sendAndAwaitRun(message: string): Promise<OutgoingPayload> {
      const earlier = new Set(ctx.reportedRuns().map((payload) => payload.message.id));
      const accepted = await ctx.api().post<AcceptedMessage>('/api/webhooks/incoming', {
        connectionId: ctx.connectionId(),
        message,
        userId: 'e2e-trigger-user',
      });
      const run = await waitFor(
        () =>
          ctx
            .reportedRuns()
            .find(
              (payload) =>
                payload.conversationId === accepted.conversationId &&
                !earlier.has(payload.message.id),
            ),
        { timeoutMs: 60_000, intervalMs: 250, what: `n8n to run the workflow for "${message}"` },
      );
      return run;
    }

    test('runs the workflow with the reply when a message is sent to the relay', async () => {
      const payload = await sendAndAwaitRun('Hello from the trigger test');
      expect(payload).toMatchObject({
        connectionId: ctx.connectionId(),
        userId: 'e2e-trigger-user',
        message: { role: 'assistant', content: expect.any(String) },
      });
      const conversation = await ctx
        .api()
        .get<Conversation>(`/api/conversations/${payload.conversationId}`);
      expect(conversation.messages.at(-1)).toMatchObject({
        id: payload.message.id,
        content: payload.message.content,
      });
    });

    test('answers a forged delivery with 401 and runs nothing', async () => {
      const before = await ctx.home().countExecutions(REPLY_TRIGGER_ID);
      const body = JSON.stringify({
        connectionId: ctx.connectionId(),
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
      const response = await fetch(ctx.replyWebhookUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...forgedHeaders },
        body,
      });
      expect(response.status).toBe(401);

      // A genuine delivery afterwards still runs, and it is the only new execution.
      await sendAndAwaitRun('Hello after the forgery');
      await waitFor(
        async () => (await ctx.home().countExecutions(REPLY_TRIGGER_ID)) === before + 1,
        {
          timeoutMs: 30_000,
          what: 'the genuine execution to be stored',
        },
      );
      expect(await ctx.home().countExecutions(REPLY_TRIGGER_ID)).toBe(before + 1);
      expect(ctx.reportedRuns().map((payload) => payload.message.id)).not.toContain('forged');
    });

    test('the credential test says what to fix: the API key on 401, the Base URL on 404', async () => {
      const session = await ownerSession(ctx.n8nBaseUrl());
      const credential = (data: Record<string, string>) => ({
        ...CREDENTIAL,
        type: 'fourthChatApi',
        data,
      });

      expect(
        await session.testCredential(
          credential({ baseUrl: ctx.relay().baseUrl, apiKey: ctx.relay().apiKey }),
        ),
      ).toMatchObject({ status: 'OK' });
      expect(
        await session.testCredential(
          credential({
            baseUrl: ctx.relay().baseUrl,
            apiKey: 'fck_not_a_key_of_this_relay_000000',
          }),
        ),
      ).toEqual({ status: 'Error', message: expect.stringContaining('The API key is not valid') });
      expect(
        await session.testCredential(
          credential({ baseUrl: `${ctx.relay().baseUrl}/api`, apiKey: ctx.relay().apiKey }),
        ),
      ).toEqual({
        status: 'Error',
        message: expect.stringContaining('The Base URL does not point at a FourthChat Relay'),
      });
    });
  });
}
