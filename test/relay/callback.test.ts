// callbackUrl on POST /api/webhooks/incoming: the reply is POSTed there once (kind `callback`),
// signed with callbackSecret (else the connection's secret), retried, in the delivery log, never
// a target with health; a reply that finally fails sends `message.failed` there instead.
import { expect, test } from '@jest/globals';
import type { Connection, Delivery } from '@fourthchat/shared';
import { ReplyFailedError, type Responder } from '../../relay/src/ai/responder.js';
import { listDeliveries, waitForDelivery } from '../support/deliveries.js';
import { expectedEvent } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import type { ReceivedRequest, Receiver } from '../support/receiver.js';
import { gatedResponder } from '../support/gated-responder.js';
import { createConnection, startTestRelay } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { specSignatureMatches, verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const OVERLOADED = 'AI provider error 503: overloaded';
/** Echoes, except that messages starting with "fail" fail as an overloaded provider would. */
const responder: Responder = {
  name: 'test',
  reply(request) {
    const text = request.history.at(-1)?.content ?? '';
    if (text.startsWith('fail')) {
      return Promise.reject(new ReplyFailedError('provider_error', OVERLOADED));
    }
    return Promise.resolve(`[echo] ${text}`);
  },
};
const relay = relayForThisFile({ responder, settings: { retryScheduleMs: [50, 50] } });
const receivers = receiverPool();
const CALLBACK_SECRET = 'whsec_Y2FsbGJhY2stc2VjcmV0LTEyMzQ1Ng==';

const send = (body: Record<string, unknown>) =>
  relay.api('/api/webhooks/incoming', { body: { message: 'hello', ...body } });

const callbacksOf = async (connectionId: string) =>
  (await listDeliveries(relay, connectionId)).filter((d: Delivery) => d.kind === 'callback');

async function waitForCallback(connectionId: string, done: (d: Delivery) => boolean) {
  return waitFor(async () => (await callbacksOf(connectionId)).find(done), {
    what: 'the callback delivery',
  });
}

test('the reply goes to the callbackUrl once, signed with callbackSecret, and is in the log', async () => {
  const [webhook, callback] = [await receivers.start(), await receivers.start()];
  const { connectionId, secret } = await createConnection(relay, webhook.url);

  const sent = await send({
    connectionId,
    userId: 'u-7',
    callbackUrl: `${callback.url}?run=42`,
    callbackSecret: CALLBACK_SECRET,
  });

  expect(sent.status).toBe(202);
  const delivery = await waitForCallback(connectionId, (d) => d.status === 'delivered');
  const [request] = callback.requests;
  expect(callback.requests).toHaveLength(1);
  expect(request?.path).toBe('/webhook?run=42');
  expect(request?.headers['x-webhook-event']).toBe('ai.response');
  expect(verifiesWith(request as ReceivedRequest, CALLBACK_SECRET)).toBe(true);
  expect(specSignatureMatches(request as ReceivedRequest, CALLBACK_SECRET)).toBe(true);
  expect(verifiesWith(request as ReceivedRequest, secret)).toBe(false);
  await waitFor(() => webhook.requests.length > 0, { what: 'the webhook copy' });
  expect(request?.body).toBe(webhook.requests[0]?.body);
  expect(delivery).toEqual(
    expect.objectContaining({
      kind: 'callback',
      event: 'ai.response',
      targetUrl: `${callback.url}?run=42`,
      messageId: JSON.parse(request?.body ?? '{}').message.id,
    }),
  );
  expect(delivery.subscriptionId).toBeUndefined();
  // Not a target of the connection: no health, nothing to pause.
  const connection = (await relay.api(`/api/connections/${connectionId}`)).body as Connection;
  expect(connection.health.map((h) => h.target.url)).toEqual([webhook.url]);
});

test("without callbackSecret the connection's secret signs the callback", async () => {
  const [webhook, callback] = [await receivers.start(), await receivers.start()];
  const { connectionId, secret } = await createConnection(relay, webhook.url);

  await send({ connectionId, callbackUrl: callback.url });

  await waitForCallback(connectionId, (d) => d.status === 'delivered');
  expect(verifiesWith(callback.requests[0] as ReceivedRequest, secret)).toBe(true);
});

test('a failing callbackUrl is retried on the schedule, and its failures touch no health', async () => {
  const webhook = await receivers.start();
  const callback = await receivers.start((_r, index) => ({ status: index === 0 ? 502 : 200 }));
  const { connectionId } = await createConnection(relay, webhook.url);

  await send({ connectionId, callbackUrl: callback.url });

  const delivery = await waitForCallback(connectionId, (d) => d.status === 'delivered');
  expect(delivery.attempts.map((a) => a.status)).toEqual([502, 200]);
  expect(callback.requests.map((r) => r.headers['x-webhook-attempt'])).toEqual(['1', '2']);
  expect(new Set(callback.requests.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
  await relay.relay.services.health.flush();
  const connection = (await relay.api(`/api/connections/${connectionId}`)).body as Connection;
  expect(connection.health[0]?.consecutiveFailures).toBe(0);
});

test('a reply that finally fails sends message.failed to the callback and to subscriptions that chose it', async () => {
  const [webhook, callback, watcher, other] = await Promise.all(
    [1, 2, 3, 4].map(() => receivers.start()),
  );
  const { connectionId } = await createConnection(relay, (webhook as Receiver).url);
  const subscribe = (targetUrl: string, userId: string) =>
    relay.api(`/api/connections/${connectionId}/subscriptions`, {
      body: { targetUrl, events: ['message.failed'], filter: { userId } },
    });
  const watching = await subscribe((watcher as Receiver).url, 'u-9');
  await subscribe((other as Receiver).url, 'someone-else');

  const sent = await send({
    connectionId,
    message: 'fail, please',
    userId: 'u-9',
    callbackUrl: (callback as Receiver).url,
    callbackSecret: CALLBACK_SECRET,
  });

  await waitFor(() => callback?.requests.length && watcher?.requests.length, {
    what: 'message.failed at the callback and the subscription',
  });
  const expected = expectedEvent('message.failed', connectionId, {
    messageId: sent.body.messageId,
    conversationId: sent.body.conversationId,
    userId: 'u-9',
    reason: OVERLOADED,
  });
  for (const [receiver, key] of [
    [callback, CALLBACK_SECRET],
    [watcher, watching.body.secret as string],
  ] as const) {
    const [request] = receiver?.requests ?? [];
    expect(request?.headers['x-webhook-event']).toBe('message.failed');
    expect(JSON.parse(request?.body ?? '')).toEqual(expected);
    expect(verifiesWith(request as ReceivedRequest, key)).toBe(true);
  }
  expect(callback?.requests[0]?.body).toBe(watcher?.requests[0]?.body);
  const failedCallback = await waitForCallback(connectionId, (d) => d.status === 'delivered');
  expect(failedCallback).toEqual(
    expect.objectContaining({ event: 'message.failed', messageId: sent.body.messageId }),
  );
  await waitForDelivery(relay, failedCallback.id, (d) => d.status === 'delivered');
  expect(other?.requests).toEqual([]);
  expect(webhook?.requests).toEqual([]);
});

test("a message whose chatbot is deleted before its turn: message.failed, signed with the connection's secret", async () => {
  const gate = gatedResponder();
  const own = await startTestRelay({ responder: gate });
  try {
    const [webhook, callback] = [await receivers.start(), await receivers.start()];
    const { chatbotId, connectionId, secret } = await createConnection(own, webhook.url);
    const first = { connectionId, message: 'first', userId: 'u-1' };
    await own.api('/api/webhooks/incoming', { body: first });
    await waitFor(() => gate.requests.length === 1, { what: 'the first AI call' });
    const second = await own.api('/api/webhooks/incoming', {
      body: { ...first, message: 'second', callbackUrl: callback.url },
    });

    await own.api(`/api/chatbots/${chatbotId}`, { method: 'DELETE' });
    gate.open();

    await waitFor(() => callback.requests.length > 0, { what: 'message.failed' });
    const request = callback.requests[0] as ReceivedRequest;
    expect(JSON.parse(request.body).data).toEqual({
      messageId: second.body.messageId,
      conversationId: second.body.conversationId,
      userId: 'u-1',
      reason: 'The chatbot was deleted before this message was answered',
    });
    expect(verifiesWith(request, secret)).toBe(true);
  } finally {
    await own.close();
  }
});

test('an Idempotency-Key covers callbackUrl and callbackSecret like the rest of the body', async () => {
  const { connectionId } = await createConnection(relay, (await receivers.start()).url);
  const callback = await receivers.start();
  const body = { connectionId, callbackUrl: callback.url, callbackSecret: CALLBACK_SECRET };
  const post = (extra: Record<string, unknown>) =>
    relay.api('/api/webhooks/incoming', {
      body: { message: 'once', ...body, ...extra },
      headers: { 'Idempotency-Key': `callback-${connectionId}` },
    });

  const first = await post({});
  const repeated = await post({});
  const otherUrl = await post({ callbackUrl: `${callback.url}/other` });
  const otherSecret = await post({ callbackSecret: 'another-secret-123' });

  expect([first.status, repeated.status]).toEqual([202, 202]);
  expect(repeated.body).toEqual(first.body);
  for (const conflict of [otherUrl, otherSecret]) {
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('idempotency_conflict');
  }
  await waitForCallback(connectionId, (d) => d.status === 'delivered');
  expect(callback.requests).toHaveLength(1);
});

test.each([
  [{ callbackUrl: 'ftp://example.com/back' }, 'callbackUrl'],
  [{ callbackUrl: 'call me maybe' }, 'callbackUrl'],
  [{ callbackUrl: 'https://example.com/back', callbackSecret: 'short' }, 'callbackSecret'],
])('a bad callback %j is a 400 naming %s', async (extra, field) => {
  const { connectionId } = await createConnection(relay, (await receivers.start()).url);

  const response = await send({ connectionId, ...extra });

  expect(response.status).toBe(400);
  expect(response.body.error).toEqual(
    expect.objectContaining({ code: 'validation_failed', field }),
  );
});
