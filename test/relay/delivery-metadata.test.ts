// Delivery metadata on every attempt, in headers so the signed body stays byte-identical:
// X-Webhook-Attempt, X-Webhook-Last-Attempt (no retry follows if it fails) and
// X-Webhook-Delivery-Url (the delivery in the API). Retries on a shortened schedule.
import { expect, test } from '@jest/globals';
import { deliveryInfo } from '@fourthchat/shared';
import { waitForDelivery } from '../support/deliveries.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const relay = relayForThisFile({ settings: { retryScheduleMs: [50, 50] } });
const receivers = receiverPool();

test('first, middle and last attempt carry their number, whether they are the last, and the log link', async () => {
  const webhook = await receivers.start((_request, index) => ({ status: index < 2 ? 500 : 200 }));
  const { connectionId, secret } = await createConnection(relay, webhook.url);

  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'count me' } });

  await waitFor(() => webhook.requests.length >= 3, { what: 'three attempts' });
  const [first, second, third] = webhook.requests;
  const infos = webhook.requests.map((request) => deliveryInfo(request.headers));
  const id = infos[0]?.id as string;
  const url = `${relay.url}/api/deliveries/${id}`;
  expect(infos).toEqual([
    { id, attempt: 1, isLastAttempt: false, url },
    { id, attempt: 2, isLastAttempt: false, url },
    { id, attempt: 3, isLastAttempt: true, url },
  ]);
  // The body is the same bytes every time, each attempt signed afresh.
  expect(new Set([first?.body, second?.body, third?.body]).size).toBe(1);
  for (const request of webhook.requests) expect(verifiesWith(request, secret)).toBe(true);
  const linked = await relay.api(new URL(url).pathname);
  expect(linked.status).toBe(200);
  expect(linked.body).toEqual(expect.objectContaining({ id, connectionId }));
  await waitForDelivery(relay, id, (d) => d.status === 'delivered');
  expect(webhook.requests).toHaveLength(3);
});

test('a redeliver starts a new cycle: the attempt number goes on, the last one is counted afresh', async () => {
  const webhook = await receivers.start(() => ({ status: 500 }));
  const { connectionId } = await createConnection(relay, webhook.url);
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'again' } });
  await waitFor(() => webhook.requests.length >= 3, { what: 'three failed attempts' });
  const id = deliveryInfo(webhook.requests[0]?.headers ?? {})?.id as string;
  await waitForDelivery(relay, id, (d) => d.status === 'failed');

  await relay.api(`/api/deliveries/${id}/redeliver`, { method: 'POST' });

  await waitFor(() => webhook.requests.length >= 6, { what: 'the second cycle' });
  expect(webhook.requests.map((r) => deliveryInfo(r.headers)?.isLastAttempt)).toEqual([
    false,
    false,
    true,
    false,
    false,
    true,
  ]);
  expect(webhook.requests.map((r) => r.headers['x-webhook-attempt'])).toEqual([
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
  ]);
});

test('a Test is one attempt, so it is always the last', async () => {
  const webhook = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);

  const tested = await relay.api(`/api/connections/${connectionId}/test`, { method: 'POST' });

  expect(tested.body.ok).toBe(true);
  expect(deliveryInfo(webhook.requests[0]?.headers ?? {})).toEqual(
    expect.objectContaining({ attempt: 1, isLastAttempt: true }),
  );
});

test.each(['X-Webhook-Attempt', 'x-webhook-last-attempt', 'X-Webhook-Delivery-Url'])(
  'the custom header %s is refused: the relay sets it',
  async (name) => {
    const webhook = await receivers.start();
    const bot = await relay.api('/api/chatbots', { body: { name: 'Bot' } });

    const created = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
      body: { webhookUrl: webhook.url, customHeaders: { [name]: 'mine' } },
    });

    expect(created.status).toBe(400);
    expect(created.body.error.field).toBe(`customHeaders.${name}`);
  },
);
