// Trigger filters: a subscription with `filter` gets the replies of messages whose userId and
// metadata match (a number or boolean matches its JSON text); events about targets reach it
// unfiltered. Matching is done at fan-out with what it has: no store command is added.
import { expect, test } from '@jest/globals';
import { listDeliveries } from '../support/deliveries.js';
import { waitForEvents } from '../support/events.js';
import { receiverPool } from '../support/receiver-pool.js';
import type { Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const relay = relayForThisFile();
const receivers = receiverPool();

const subscribe = async (connectionId: string, body: Record<string, unknown>) => {
  const answer = await relay.api(`/api/connections/${connectionId}/subscriptions`, { body });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; filter: unknown };
};

const send = (connectionId: string, message: string, extra: Record<string, unknown> = {}) =>
  relay.api('/api/webhooks/incoming?wait=true', { body: { connectionId, message, ...extra } });

const replied = (receiver: Receiver) =>
  receiver.requests
    .filter((r) => r.headers['x-webhook-event'] === 'ai.response')
    .map((r) => (JSON.parse(r.body) as { message: { content: string } }).message.content);

/** Waits until `count` deliveries exist and every one is delivered. */
async function settled(connectionId: string, count: number) {
  await waitFor(
    async () => {
      const deliveries = await listDeliveries(relay, connectionId);
      return deliveries.length >= count && deliveries.every((d) => d.status === 'delivered');
    },
    { what: `${String(count)} deliveries delivered` },
  );
}

test('userId and metadata filters: matching replies go to the subscription, the others do not', async () => {
  const webhook = await receivers.start();
  const [byUser, byMetadata, byBoth, unfiltered] = await Promise.all(
    [1, 2, 3, 4].map(() => receivers.start()),
  );
  const { connectionId } = await createConnection(relay, webhook.url);
  const user = await subscribe(connectionId, {
    targetUrl: byUser?.url,
    filter: { userId: 'alice' },
  });
  expect(user.filter).toEqual({ userId: 'alice' });
  await subscribe(connectionId, {
    targetUrl: byMetadata?.url,
    filter: { metadata: { plan: 'pro', seats: '3', trial: 'false' } },
  });
  await subscribe(connectionId, {
    targetUrl: byBoth?.url,
    filter: { userId: 'bob', metadata: { plan: 'pro' } },
  });
  await subscribe(connectionId, { targetUrl: unfiltered?.url, filter: {} });

  const messages: [string, Record<string, unknown>][] = [
    ['alice free', { userId: 'alice', metadata: { plan: 'free' } }],
    ['bob pro', { userId: 'bob', metadata: { plan: 'pro', seats: 3, trial: false } }],
    ['bob pro-ish', { userId: 'bob', metadata: { plan: 'pro', seats: '4', trial: false } }],
    ['nobody', {}],
    ['carol object', { userId: 'carol', metadata: { plan: { name: 'pro' }, seats: 3 } }],
  ];
  for (const [message, extra] of messages) {
    expect((await send(connectionId, message, extra)).status).toBe(200);
  }
  // Five to the webhook URL, five unfiltered, two for bob, one for alice, one by metadata.
  await settled(connectionId, 14);

  const echo = (...names: string[]) => names.map((name) => `[echo] ${name}`);
  expect(replied(byUser as Receiver)).toEqual(echo('alice free'));
  expect(replied(byMetadata as Receiver)).toEqual(echo('bob pro'));
  expect(replied(byBoth as Receiver)).toEqual(echo('bob pro', 'bob pro-ish'));
  expect(replied(unfiltered as Receiver)).toEqual(echo(...messages.map(([m]) => m)));
});

test('events about targets reach a filtered subscription: they are about no message', async () => {
  const webhook = await receivers.start();
  const watcher = await receivers.start();
  const { connectionId } = await createConnection(relay, webhook.url);
  await subscribe(connectionId, {
    targetUrl: watcher.url,
    events: ['ai.response', 'target.paused'],
    filter: { userId: 'nobody-sends-as-me' },
  });

  await relay.api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { paused: true } });

  const [paused] = await waitForEvents(watcher, 'target.paused');
  expect(paused?.event.data.target).toEqual({ kind: 'webhook', url: webhook.url });
});
