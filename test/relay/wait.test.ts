// POST /api/webhooks/incoming?wait=true: the reply itself when it is ready in time, else the 202.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { isOutgoingPayload, type Conversation } from '@fourthchat/shared';
import { gatedResponder, type GatedResponder } from '../support/gated-responder.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

/** Long enough for a quick reply on a busy machine, far above the 100 ms timeoutMs below. */
const SYNC_TIMEOUT_MS = scaledMs(1_000);

let relay: TestRelay;
let receiver: Receiver;
let responder: GatedResponder;
let connectionId: string;
beforeAll(async () => {
  responder = gatedResponder(
    (request) => request.history.at(-1)?.content.startsWith('slow') ?? false,
  );
  relay = await startTestRelay({ responder, settings: { syncTimeoutMs: SYNC_TIMEOUT_MS } });
  receiver = await startReceiver();
  ({ connectionId } = await createConnection(relay, receiver.url));
});
afterAll(async () => {
  responder.open();
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

test('answers 200 with the outgoing payload, the same one the webhook receives', async () => {
  const response = await relay.api('/api/webhooks/incoming?wait=true', {
    body: { connectionId, message: 'quick one', userId: 'u-1', metadata: { ticket: 42 } },
  });

  expect(response.status).toBe(200);
  expect(isOutgoingPayload(response.body)).toBe(true);
  expect(response.body).toEqual({
    connectionId,
    conversationId: expect.any(String),
    message: { id: expect.any(String), role: 'assistant', content: '[gated] quick one' },
    userId: 'u-1',
    timestamp: expect.any(String),
    metadata: { ticket: 42 },
  });
  const delivered = await waitFor(
    () => receiver.requests.find((r) => r.body.includes(response.body.message.id)),
    { what: 'the same reply at the webhook' },
  );
  expect(JSON.parse(delivered.body)).toEqual(response.body);
});

test('wait=false, or no wait, answers 202 without waiting for the AI', async () => {
  for (const query of ['', '?wait=false']) {
    const response = await relay.api(`/api/webhooks/incoming${query}`, {
      body: { connectionId, message: `slow, do not wait ${query}` },
    });
    expect(response.status).toBe(202);
  }
});

test('a small timeoutMs with a slow AI answers 202 accepted, and the reply still follows', async () => {
  const { result: response, ms } = await timed(() =>
    relay.api('/api/webhooks/incoming?wait=true&timeoutMs=100', {
      body: { connectionId, message: 'slow question' },
    }),
  );

  expect(response.status).toBe(202);
  expect(response.body).toEqual({
    status: 'accepted',
    connectionId,
    conversationId: expect.any(String),
    messageId: expect.any(String),
  });
  expect(ms).toBeGreaterThanOrEqual(100);
  expect(ms).toBeLessThan(SYNC_TIMEOUT_MS);

  responder.open();
  const conversation = await waitFor(
    async () => {
      const body = (await relay.api(`/api/conversations/${response.body.conversationId}`))
        .body as Conversation;
      return body.messages.every((m) => m.status === 'completed') ? body : undefined;
    },
    { what: 'the late reply' },
  );
  expect(conversation.messages.map((m) => `${m.role}:${m.content}`)).toEqual([
    'user:slow question',
    'assistant:[gated] slow question',
  ]);
});

test('timeoutMs cannot exceed RELAY_SYNC_TIMEOUT_MS', async () => {
  const gate = gatedResponder();
  const slow = await startTestRelay({
    responder: gate,
    settings: { syncTimeoutMs: SYNC_TIMEOUT_MS },
  });
  try {
    const { connectionId: slowConnection } = await createConnection(slow, receiver.url);
    const { result: response, ms } = await timed(() =>
      slow.api('/api/webhooks/incoming?wait=true&timeoutMs=600000', {
        body: { connectionId: slowConnection, message: 'take your time' },
      }),
    );

    expect(response.status).toBe(202);
    expect(ms).toBeGreaterThanOrEqual(SYNC_TIMEOUT_MS);
    expect(ms).toBeLessThan(SYNC_TIMEOUT_MS + scaledMs(2_000));
  } finally {
    gate.open();
    await slow.close();
  }
});
