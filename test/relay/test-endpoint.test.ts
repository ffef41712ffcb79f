// POST /api/connections/:id/test: the spec's test payload, signed, to the webhook URL and to
// every subscription, answered with the outcome of each.
import { expect, test } from '@jest/globals';
import { isTestPayload } from '@fourthchat/shared';
import { listDeliveries } from '../support/deliveries.js';
import type { ReceivedRequest, Receiver } from '../support/receiver.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { specSignatureMatches, verifiesWith } from '../support/signatures.js';

const relay = relayForThisFile();
const receivers = receiverPool();

function only(got: Receiver): ReceivedRequest {
  expect(got.requests).toHaveLength(1);
  const [request] = got.requests;
  if (!request) throw new Error('nothing received');
  return request;
}

/** POST /api/connections/:id/test, which answers 200 whatever the receivers said. */
async function testConnection(connectionId: string): Promise<unknown> {
  const response = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });
  expect(response.status).toBe(200);
  return response.body;
}

const receiver = (status = 200) =>
  receivers.start(() => ({ status, body: status === 200 ? 'ok' : 'broken' }));

test("sends the spec's test payload, signed with each target's own secret, and reports every outcome", async () => {
  const [webhook, first, second] = [await receiver(), await receiver(), await receiver()];
  const { connectionId, secret } = await createConnection(relay, webhook.url, {
    customHeaders: { 'X-Tenant': 'acme' },
  });
  const subscriptions = [
    await relay.api(`/api/connections/${connectionId}/subscriptions`, {
      body: { targetUrl: first.url, secret: 'first-subscription-secret' },
    }),
    await relay.api(`/api/connections/${connectionId}/subscriptions`, {
      body: { targetUrl: second.url },
    }),
  ];

  const outcome = await testConnection(connectionId);

  expect(outcome).toEqual({
    ok: true,
    status: 200,
    durationMs: expect.any(Number),
    subscriptions: subscriptions.map((s) => ({
      id: s.body.id,
      ok: true,
      status: 200,
      durationMs: expect.any(Number),
    })),
  });
  const targets = [
    { got: webhook, secret },
    { got: first, secret: subscriptions[0]?.body.secret as string },
    { got: second, secret: subscriptions[1]?.body.secret as string },
  ];
  for (const { got, secret: own } of targets) {
    const request = only(got);
    const payload = JSON.parse(request.body) as unknown;
    expect(isTestPayload(payload)).toBe(true);
    expect(payload).toEqual({
      test: true,
      message: 'This is a test webhook from your chatbot!',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      connectionId,
      connectionName: 'My Webhook',
    });
    expect(verifiesWith(request, own)).toBe(true);
    expect(specSignatureMatches(request, own)).toBe(true);
  }
  expect(verifiesWith(only(first), secret)).toBe(false);
  expect(only(webhook).headers['x-tenant']).toBe('acme');
  expect(only(first).headers['x-tenant']).toBeUndefined();
});

test('a failing receiver gives ok:false with its status, once, without retries', async () => {
  const broken = await receiver(500);
  const { connectionId } = await createConnection(relay, broken.url);

  const outcome = await testConnection(connectionId);

  expect(outcome).toEqual({
    ok: false,
    status: 500,
    durationMs: expect.any(Number),
    error: 'HTTP 500',
    subscriptions: [],
  });
  const [logged] = await listDeliveries(relay, connectionId);
  expect(logged).toEqual(
    expect.objectContaining({ kind: 'test', status: 'failed', attempts: [expect.anything()] }),
  );
  expect(broken.requests).toHaveLength(1);
});

test('an unreachable receiver gives ok:false, status null and the network error', async () => {
  const gone = await receiver();
  const { connectionId } = await createConnection(relay, gone.url);
  await gone.close();

  const response = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });

  expect(response.status).toBe(200);
  expect(response.body).toEqual(
    expect.objectContaining({
      ok: false,
      status: null,
      error: expect.stringMatching(/ECONNREFUSED/),
    }),
  );
});
