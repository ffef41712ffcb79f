import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { waitFor } from '../support/wait.js';

let relay: TestRelay;
let receiver: Receiver;
beforeAll(async () => {
  relay = await startTestRelay();
  receiver = await startReceiver();
});
afterAll(async () => {
  await relay.close();
  await receiver.close();
});

// The spec's own receiver code, verbatim in logic: HMAC-SHA256 hex of the raw body.
function specVerify(rawBody: string, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
  return signature === expected;
}

test("the spec's curl example is accepted and the reply arrives signed, with metadata and custom headers", async () => {
  const { connectionId, secret } = await createConnection(relay, receiver.url, {
    customHeaders: { Authorization: 'Bearer your-api-key', 'X-Custom-Header': 'custom-value' },
  });

  const response = await fetch(`${relay.url}/api/webhooks/incoming`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${relay.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      connectionId,
      message: 'Hello, I need help!',
      userId: 'user-123',
      metadata: { name: 'John Doe', email: 'john@example.com' },
    }),
  });
  const accepted = (await response.json()) as Record<string, string>;
  expect(response.status).toBe(202);
  expect(accepted).toEqual({
    status: 'accepted',
    connectionId,
    conversationId: expect.any(String),
    messageId: expect.any(String),
  });

  const delivered = await waitFor(() => receiver.requests[0], { what: 'the delivery' });
  const payload = JSON.parse(delivered.body) as Record<string, unknown>;
  expect(payload).toEqual({
    connectionId,
    conversationId: accepted.conversationId,
    message: { id: expect.any(String), role: 'assistant', content: '[echo] Hello, I need help!' },
    userId: 'user-123',
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    metadata: { name: 'John Doe', email: 'john@example.com' },
  });

  const signature = String(delivered.headers['x-webhook-signature']);
  expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(specVerify(delivered.body, signature.replace(/^sha256=/, ''), secret)).toBe(true);
  expect(delivered.headers['x-webhook-timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(delivered.headers['x-webhook-id']).toBe(delivered.headers['webhook-id']);

  const standard = new Webhook(secret.replace(/^whsec_/, ''));
  expect(() =>
    standard.verify(delivered.body, {
      'webhook-id': String(delivered.headers['webhook-id']),
      'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
      'webhook-signature': String(delivered.headers['webhook-signature']),
    }),
  ).not.toThrow();

  // Custom headers are added, but cannot replace the relay's own.
  expect(delivered.headers['x-custom-header']).toBe('custom-value');
  expect(delivered.headers.authorization).toBe('Bearer your-api-key');
});

test('custom headers that the relay sets itself are refused, naming the header', async () => {
  const bot = await relay.api('/api/chatbots', { body: { name: 'Bot' } });
  for (const name of ['X-Webhook-Signature', 'webhook-id', 'Content-Type', 'Host']) {
    const created = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
      body: { webhookUrl: receiver.url, customHeaders: { [name]: 'forged' } },
    });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({
      code: 'validation_failed',
      field: `customHeaders.${name}`,
    });
  }
});
