// Lookups for searches (Zapier's Find Conversation and Find Reply, n8n too): a connection's
// conversation with a user, and a sent message with its reply; other workspaces' are 404s.
import { afterAll, expect, test } from '@jest/globals';
import type { MessageLookup } from '@fourthchat/shared';
import { ReplyFailedError, type Responder } from '../../relay/src/ai/responder.js';
import { gatedResponder } from '../support/gated-responder.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const gate = gatedResponder((request) => request.history.at(-1)?.content === 'slow');
const responder: Responder = {
  name: 'test',
  reply(request) {
    if (request.history.at(-1)?.content === 'fail') {
      return Promise.reject(new ReplyFailedError('provider_error', 'AI provider error 500'));
    }
    return gate.reply(request);
  },
};
const relay = relayForThisFile({ responder });
const receivers = receiverPool();
afterAll(() => {
  gate.open();
});

const send = async (connectionId: string, message: string, userId?: string) => {
  const sent = await relay.api('/api/webhooks/incoming', {
    body: { connectionId, message, ...(userId ? { userId } : {}), metadata: { order: 7 } },
  });
  expect(sent.status).toBe(202);
  return sent.body as { messageId: string; conversationId: string };
};

const lookup = (messageId: string, apiKey?: string) =>
  relay.api(`/api/messages/${messageId}`, apiKey ? { apiKey } : {});

const settledLookup = (messageId: string) =>
  waitFor(
    async () => {
      const found = (await lookup(messageId)).body as MessageLookup;
      return found.status === 'pending' ? undefined : found;
    },
    { what: `message ${messageId} settled` },
  );

test("finds the connection's conversation with a user, or none", async () => {
  const { connectionId } = await createConnection(relay, (await receivers.start()).url);
  const sent = await send(connectionId, 'hello there', 'alice');
  await settledLookup(sent.messageId);

  const found = await relay.api(`/api/connections/${connectionId}/conversations?userId=alice`);
  const none = await relay.api(`/api/connections/${connectionId}/conversations?userId=bob`);

  expect(found.status).toBe(200);
  expect(found.body.data).toEqual([
    {
      id: sent.conversationId,
      connectionId,
      userId: 'alice',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastMessage: {
        id: expect.any(String),
        role: 'assistant',
        content: '[gated] hello there',
        createdAt: expect.any(String),
      },
    },
  ]);
  expect(none.body).toEqual({ data: [] });
  const missing = await relay.api(`/api/connections/${connectionId}/conversations`);
  expect(missing.status).toBe(400);
  expect(missing.body.error.field).toBe('userId');
});

test('a sent message: pending, then replied with the reply as delivered', async () => {
  const webhook = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  const sent = await send(connectionId, 'slow', 'carol');

  const pending = await lookup(sent.messageId);

  expect(pending.body).toEqual({
    id: sent.messageId,
    connectionId,
    conversationId: sent.conversationId,
    userId: 'carol',
    status: 'pending',
    reply: null,
  } satisfies MessageLookup);
  gate.open();
  const replied = await settledLookup(sent.messageId);
  expect(replied.status).toBe('replied');
  await waitFor(() => webhook.requests.length > 0, { what: 'the delivery' });
  expect(replied.reply).toEqual(JSON.parse(webhook.requests[0]?.body ?? ''));
  expect(replied.reply?.metadata).toEqual({ order: 7 });
  // The reply's own id is not a sent message.
  expect((await lookup(replied.reply?.message.id ?? '')).status).toBe(404);
});

test('a failed message says why', async () => {
  const { connectionId } = await createConnection(relay, (await receivers.start()).url);
  const sent = await send(connectionId, 'fail');

  const failed = await settledLookup(sent.messageId);

  expect(failed).toEqual({
    id: sent.messageId,
    connectionId,
    conversationId: sent.conversationId,
    status: 'failed',
    reply: null,
    error: 'AI provider error 500',
  } satisfies MessageLookup);
});

test("another workspace's message, conversation and connection are 404, as is an unknown id", async () => {
  const { connectionId } = await createConnection(relay, (await receivers.start()).url);
  const sent = await send(connectionId, 'mine', 'dave');
  await settledLookup(sent.messageId);
  const otherKey = await relay.newWorkspace();

  const theirs = await lookup(sent.messageId, otherKey);
  const unknown = await lookup('msg_unknown');
  const conversations = await relay.api(
    `/api/connections/${connectionId}/conversations?userId=dave`,
    { apiKey: otherKey },
  );

  expect([theirs.status, unknown.status, conversations.status]).toEqual([404, 404, 404]);
  expect(theirs.body.error.code).toBe('not_found');
});
