// REST-hook subscriptions: fan-out with a delivery and a secret per target, idempotent
// subscribe, unsubscribe.
import { expect, test } from '@jest/globals';
import { isOutgoingPayload } from '@fourthchat/shared';
import { listDeliveries } from '../support/deliveries.js';
import type { ReceivedRequest, Receiver } from '../support/receiver.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { specSignatureMatches, verifiesWith } from '../support/signatures.js';
import { waitFor } from '../support/wait.js';

const relay = relayForThisFile();
const receivers = receiverPool();

const receiver = () => receivers.start();

function subscribe(connectionId: string, body: Record<string, unknown>) {
  return relay.api(`/api/connections/${connectionId}/subscriptions`, { body });
}

/** Sends a message and resolves with each receiver's copy of its reply. */
async function replyAt(
  connectionId: string,
  message: string,
  targets: Receiver[],
): Promise<ReceivedRequest[]> {
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message } });
  const copyAt = (target: Receiver) =>
    target.requests.find((r) => r.body.includes(`"content":"[echo] ${message}"`));
  return waitFor(
    () => {
      const copies = targets.map(copyAt);
      return copies.every(Boolean) ? (copies as ReceivedRequest[]) : undefined;
    },
    { what: `"${message}" at every target` },
  );
}

test('each reply goes to the webhook URL and to every subscription, each its own delivery signed with its own secret', async () => {
  const [webhook, n8n, zapier] = [await receiver(), await receiver(), await receiver()];
  const { connectionId, secret } = await createConnection(relay, webhook.url);
  const given = await subscribe(connectionId, {
    targetUrl: n8n.url,
    secret: 'n8n-trigger-secret',
  });
  const generated = await subscribe(connectionId, { targetUrl: zapier.url });

  expect(given.status).toBe(201);
  expect(given.body).toEqual({
    id: expect.any(String),
    connectionId,
    targetUrl: n8n.url,
    secret: 'n8n-trigger-secret',
    events: ['ai.response'],
    filter: {},
    whileUnpublished: 'hold',
    paused: false,
    health: expect.objectContaining({ state: 'unused', consecutiveFailures: 0 }),
    createdAt: expect.any(String),
  });
  expect(generated.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  const listed = await relay.api(`/api/connections/${connectionId}/subscriptions`);
  const listedAs = (id: string, targetUrl: string) => ({
    id,
    connectionId,
    targetUrl,
    events: ['ai.response'],
    filter: {},
    whileUnpublished: 'hold',
    paused: false,
    health: expect.objectContaining({
      target: { kind: 'subscription', subscriptionId: id, url: targetUrl },
    }),
    createdAt: expect.any(String),
  });
  expect(listed.body.data).toEqual([
    listedAs(given.body.id, n8n.url),
    listedAs(generated.body.id, zapier.url),
  ]);

  const copies = await replyAt(connectionId, 'fan me out', [webhook, n8n, zapier]);

  const secrets = [secret, given.body.secret as string, generated.body.secret as string];
  copies.forEach((copy, index) => {
    expect(isOutgoingPayload(JSON.parse(copy.body))).toBe(true);
    secrets.forEach((each, other) => {
      expect(verifiesWith(copy, each)).toBe(index === other);
      expect(specSignatureMatches(copy, each)).toBe(index === other);
    });
  });
  expect(new Set(copies.map((c) => c.body)).size).toBe(1);
  const ids = copies.map((c) => c.headers['webhook-id']);
  expect(new Set(ids).size).toBe(3);
  const deliveries = await listDeliveries(relay, connectionId);
  expect(new Set(deliveries.map((d) => d.id))).toEqual(new Set(ids));
  expect(new Set(deliveries.map((d) => d.subscriptionId))).toEqual(
    new Set([undefined, given.body.id, generated.body.id]),
  );
});

test('subscribing the same targetUrl again answers 200 with the same id, and its new secret signs', async () => {
  const [webhook, hook] = [await receiver(), await receiver()];
  const { connectionId } = await createConnection(relay, webhook.url);
  const first = await subscribe(connectionId, { targetUrl: hook.url, secret: 'first-secret-1' });
  const again = await subscribe(connectionId, { targetUrl: hook.url, secret: 'second-secret-2' });
  const regenerated = await subscribe(connectionId, { targetUrl: hook.url });

  expect(first.status).toBe(201);
  expect([again.status, regenerated.status]).toEqual([200, 200]);
  expect([again.body.id, regenerated.body.id]).toEqual([first.body.id, first.body.id]);
  expect(again.body.secret).toBe('second-secret-2');
  expect(regenerated.body.secret).toMatch(/^whsec_/);
  expect(
    (await relay.api(`/api/connections/${connectionId}/subscriptions`)).body.data,
  ).toHaveLength(1);

  const [, copy] = await replyAt(connectionId, 'which secret?', [webhook, hook]);
  expect(verifiesWith(copy as ReceivedRequest, regenerated.body.secret)).toBe(true);
  expect(verifiesWith(copy as ReceivedRequest, 'second-secret-2')).toBe(false);
});

test('DELETE /api/subscriptions/:id?remove=true answers 204, then 404, and the target gets nothing more', async () => {
  const [webhook, hook] = [await receiver(), await receiver()];
  const { connectionId } = await createConnection(relay, webhook.url);
  const { body } = await subscribe(connectionId, { targetUrl: hook.url });

  const removed = await relay.api(`/api/subscriptions/${body.id}?remove=true`, {
    method: 'DELETE',
  });
  const again = await relay.api(`/api/subscriptions/${body.id}`, { method: 'DELETE' });

  expect(removed.status).toBe(204);
  expect(again.status).toBe(404);
  expect(again.body.error.code).toBe('not_found');
  await replyAt(connectionId, 'after unsubscribe', [webhook]);
  expect(hook.requests).toEqual([]);
  expect(await listDeliveries(relay, connectionId)).toHaveLength(1);
});

test.each([
  [{ targetUrl: 'ftp://example.com/hook' }, 'targetUrl'],
  [{ targetUrl: 'not a url' }, 'targetUrl'],
  [{ targetUrl: 'http://example.com/hook', secret: 'short' }, 'secret'],
  [{}, 'targetUrl'],
  [{ targetUrl: 'http://example.com/hook', ttlSeconds: 0 }, 'ttlSeconds'],
  [{ targetUrl: 'http://example.com/hook', whileUnpublished: 'keep' }, 'whileUnpublished'],
  [{ targetUrl: 'http://example.com/hook', filter: { userId: '' } }, 'filter.userId'],
  [
    { targetUrl: 'http://example.com/hook', filter: { metadata: { plan: 3 } } },
    'filter.metadata.plan',
  ],
  [{ targetUrl: 'http://example.com/hook', filter: { channel: 'sms' } }, 'filter.channel'],
])('a bad subscription %j is a 400 naming %s', async (body, field) => {
  const { connectionId } = await createConnection(relay, (await receiver()).url);

  const response = await subscribe(connectionId, body);

  expect(response.status).toBe(400);
  expect(response.body.error).toEqual(
    expect.objectContaining({ code: 'validation_failed', field }),
  );
});
