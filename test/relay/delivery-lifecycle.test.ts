// The delivery lifecycle's edge cases: every cause that used to leave a delivery pending with
// no attempt now ends in a recorded attempt; stale jobs and redelivers cannot send twice.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Delivery } from '@fourthchat/shared';
import { createSecretBox } from '../../relay/src/security/secret-box.js';
import { waitForDelivery, waitForDeliveryOf } from '../support/deliveries.js';
import { gatedResponder } from '../support/gated-responder.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { waitFor } from '../support/wait.js';

let relay: TestRelay;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  relay = await startTestRelay({ settings: { retryScheduleMs: [60_000] } });
});
afterAll(async () => {
  await relay.close();
  await receiver.close();
});

const send = (connectionId: string, message: string) =>
  relay.api('/api/webhooks/incoming', { body: { connectionId, message } });

describe('custom header values', () => {
  test.each([
    ['a NUL', 'a\u0000b'],
    ['a control character', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['a character outside Latin-1', 'price €5'],
  ])('with %s are refused at save with a 400 that says what is allowed', async (_, value) => {
    const bot = await relay.api('/api/chatbots', { body: { name: 'Bot' } });
    const created = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
      body: { webhookUrl: receiver.url, customHeaders: { 'X-Price': value } },
    });

    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'customHeaders.X-Price',
      message: expect.stringContaining('visible ASCII'),
    });
  });

  test('one that still cannot be sent (stored before the rule) fails the attempt instead of hanging', async () => {
    const { connectionId } = await createConnection(relay, receiver.url);
    // Written past the API, which refuses it now.
    const customHeaders = [{ name: 'X-Price', value: 'price €5' }];
    await relay.store.connections.update(
      connectionId,
      relay.workspaceId,
      { customHeaders },
      new Date(),
    );

    const tested = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });
    await send(connectionId, 'header trouble');
    const delivery = await waitForDeliveryOf(relay, connectionId, (d) => d.kind === 'reply');
    const settled = await waitForDelivery(relay, delivery.id, (d) => d.attempts.length > 0);

    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false, status: null, error: expect.any(String) });
    expect(settled.status).toBe('retrying');
    expect(settled.attempts[0]).toMatchObject({ status: null, error: expect.any(String) });
  });
});

test('a secret sealed with another RELAY_SECRET_KEY fails the delivery with a clear error', async () => {
  const { connectionId } = await createConnection(relay, receiver.url);
  const foreign = createSecretBox('another-relay-secret-key-0123').seal('whsec_c2VjcmV0');
  const stored = await relay.store.connections.get(connectionId);
  if (!stored) throw new Error('no connection');
  // Its previous secret (this relay's) expired already: only the foreign one signs.
  const now = new Date();
  await relay.store.connections.rotateSecret(stored, foreign, new Date(now.getTime() - 1), now);

  await send(connectionId, 'sealed elsewhere');
  const delivery = await waitForDeliveryOf(relay, connectionId, (d) => d.kind === 'reply');
  const failed = await waitForDelivery(relay, delivery.id, (d) => d.status === 'failed');

  expect(failed.attempts).toEqual([
    expect.objectContaining({ status: null, error: expect.stringContaining('RELAY_SECRET_KEY') }),
  ]);
  expect(receiver.requests.filter((r) => r.body.includes('sealed elsewhere'))).toEqual([]);
});

test('a stale retry job neither sends nor uses up a retry', async () => {
  const failing = await startReceiver(() => ({ status: 503 }));
  try {
    const { connectionId } = await createConnection(relay, failing.url);
    await send(connectionId, 'stale job');
    const delivery = await waitForDeliveryOf(relay, connectionId, (d) => d.kind === 'reply');
    const retrying = await waitForDelivery(relay, delivery.id, (d) => d.status === 'retrying');

    // A late job for the attempt that was already made (attempt 0), e.g. after a recovery.
    const result = await relay.relay.services.deliveries.attempt(delivery.id, 0);

    expect(result.state).toBe('stale');
    const after = (await relay.api(`/api/deliveries/${delivery.id}`)).body as Delivery;
    expect(after.attempts).toHaveLength(retrying.attempts.length);
    expect(after.status).toBe('retrying');
    expect(failing.requests).toHaveLength(1);
  } finally {
    await failing.close();
  }
});

test('a redeliver while an attempt is in flight answers 409 and sends nothing twice', async () => {
  const slow = await startReceiver(() => null);
  try {
    const { connectionId } = await createConnection(relay, slow.url);
    await send(connectionId, 'in flight');
    await waitFor(() => slow.requests.length === 1, { what: 'the attempt in flight' });
    const delivery = await waitForDeliveryOf(relay, connectionId, (d) => d.kind === 'reply');

    const redeliver = await relay.api(`/api/deliveries/${delivery.id}/redeliver`, {
      method: 'POST',
    });

    expect(redeliver.status).toBe(409);
    expect(redeliver.body.error.code).toBe('conflict');
    expect(redeliver.body.error.message).toMatch(/in flight/);
    expect(slow.requests).toHaveLength(1);
  } finally {
    await slow.close();
  }
});

test('messages still waiting when their chatbot is deleted fail with a clear error, without the AI', async () => {
  const responder = gatedResponder();
  const own = await startTestRelay({ responder });
  try {
    const { chatbotId, connectionId } = await createConnection(own, receiver.url);
    const first = await own.api('/api/webhooks/incoming', {
      body: { connectionId, message: 'first', userId: 'waiting-user' },
    });
    await waitFor(() => responder.requests.length === 1, { what: 'the first AI call' });
    const second = await own.api('/api/webhooks/incoming', {
      body: { connectionId, message: 'second', userId: 'waiting-user' },
    });

    const deleted = await own.api(`/api/chatbots/${chatbotId}`, { method: 'DELETE' });
    responder.open();

    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: chatbotId, failedMessages: 2 });
    const conversationId = second.body.conversationId as string;
    expect(first.body.conversationId).toBe(conversationId);
    const conversation = await waitFor(
      async () => {
        const body = (await own.api(`/api/conversations/${conversationId}`)).body;
        const settled = body.messages?.find((m: { id: string }) => m.id === second.body.messageId);
        return settled?.status === 'failed' ? body : undefined;
      },
      { what: 'the second message failed' },
    );
    expect(conversation.messages).toContainEqual(
      expect.objectContaining({
        id: second.body.messageId,
        status: 'failed',
        error: 'The chatbot was deleted before this message was answered',
      }),
    );
    expect(responder.requests).toHaveLength(1);
  } finally {
    await own.close();
  }
});

test('a PATCH racing a DELETE of a connection answers 200 or 404, never 500', async () => {
  const { connectionId } = await createConnection(relay, receiver.url);
  const answers = await Promise.all([
    ...Array.from({ length: 10 }, (_, i) =>
      relay.api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { name: `n${i}` } }),
    ),
    relay.api(`/api/connections/${connectionId}`, { method: 'DELETE' }),
  ]);

  expect(answers.map((a) => a.status).filter((s) => ![200, 204, 404].includes(s))).toEqual([]);
});

test('the conversation lease is renewed while the AI answers, so it outlives a slow reply', async () => {
  const responder = gatedResponder();
  const leaseMs = 300;
  const own = await startTestRelay({ responder, settings: { conversationLeaseMs: leaseMs } });
  try {
    const { connectionId } = await createConnection(own, receiver.url);
    const sent = await own.api('/api/webhooks/incoming', {
      body: { connectionId, message: 'slow one', userId: 'slow-user' },
    });
    await waitFor(() => responder.requests.length === 1, { what: 'the AI call' });
    const conversationId = sent.body.conversationId as string;
    const leaseUntil = async () =>
      (
        await own.store.conversations.owned(conversationId, own.workspaceId)
      )?.lease?.until.getTime() ?? 0;
    const first = await leaseUntil();

    // Several lease lengths later the AI still answers, and the lease has moved on with it.
    await waitFor(async () => (await leaseUntil()) > first + 2 * leaseMs, {
      what: 'the lease renewed past its first end',
    });
    responder.open();
    await waitFor(async () => (await leaseUntil()) === 0, { what: 'the lease released' });
    expect(responder.requests).toHaveLength(1);
  } finally {
    await own.close();
  }
});
