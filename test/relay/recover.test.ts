// POST /api/connections/:id/recover: the window's failed and paused deliveries again, once,
// oldest first, paced at RELAY_RECOVER_RATE; GET answers how many a recover would queue.
import { expect, test } from '@jest/globals';
import type { Delivery } from '@fourthchat/shared';
import { listDeliveries } from '../support/deliveries.js';
import { receiverPool } from '../support/receiver-pool.js';
import type { Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const RATE = 4;
const relay = relayForThisFile({
  settings: { retryScheduleMs: [], recoverRatePerSecond: RATE },
});
const receivers = receiverPool();

/** A connection whose webhook fails while `state.failing`, with `count` failed replies. */
async function failedReplies(count: number) {
  const state = { failing: true };
  const webhook = await receivers.start(() => ({ status: state.failing ? 500 : 200 }));
  const { connectionId } = await createConnection(relay, webhook.url);
  await failMore(connectionId, webhook, count);
  return { webhook, connectionId, state };
}

async function failMore(connectionId: string, webhook: Receiver, count: number) {
  const before = (await listDeliveries(relay, connectionId)).length;
  for (let i = 0; i < count; i++) {
    await relay.api('/api/webhooks/incoming', { body: { connectionId, message: `m${i}` } });
  }
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).filter((d) => d.status === 'failed').length >=
      before + count,
    { what: `${count} failed deliveries` },
  );
  return webhook;
}

const recover = (connectionId: string, body: Record<string, unknown>) =>
  relay.api(`/api/connections/${connectionId}/recover`, { body });
const counted = async (connectionId: string, query: string) =>
  (await relay.api(`/api/connections/${connectionId}/recover?${query}`)).body as {
    count: number;
    ratePerSecond: number;
  };
const count = async (connectionId: string, query: string) =>
  (await counted(connectionId, query)).count;

test("recover re-queues exactly the window's failed deliveries, once, oldest first, at the configured pace", async () => {
  const { webhook, connectionId, state } = await failedReplies(4);
  const until = new Date().toISOString();
  await failMore(connectionId, webhook, 1); // after the window
  const since = new Date(Date.now() - 60_000).toISOString();
  const query = `since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`;
  expect(await counted(connectionId, query)).toEqual({ count: 4, ratePerSecond: RATE });
  state.failing = false;
  const failedBefore = webhook.requests.length;

  const first = await recover(connectionId, { since, until });

  expect(first.status).toBe(202);
  expect(first.body).toEqual({
    id: expect.stringMatching(/^rcv_/),
    queued: 4,
    ratePerSecond: RATE,
    repeated: false,
  });
  await waitFor(() => webhook.requests.length >= failedBefore + 4, {
    what: 'the recovered deliveries',
  });
  const sent = webhook.requests.slice(failedBefore);
  // Oldest first: the order the messages were sent in.
  const originals = webhook.requests.slice(0, 4).map((r) => r.body);
  expect(sent.map((r) => r.body)).toEqual(originals);
  // (n − 1) intervals of 1000 / rate ms. None is sent early; the first may leave a little
  // late (the others are still being queued), which shortens the spread by that much.
  const spread = (sent.at(-1)?.at ?? 0) - (sent[0]?.at ?? 0);
  expect(spread).toBeGreaterThanOrEqual(((4 - 1) * 1000) / RATE - 150);

  const repeated = await recover(connectionId, { since, until });

  expect(repeated.status).toBe(200);
  expect(repeated.body).toEqual({ ...first.body, repeated: true });
  const deliveries = await listDeliveries(relay, connectionId);
  expect(deliveries.filter((d) => d.status === 'delivered')).toHaveLength(4);
  expect(deliveries.filter((d) => d.status === 'failed')).toHaveLength(1);
  expect(await count(connectionId, query)).toBe(0);
  // Nothing more can arrive for the repeat: every delivery is finished (a send needs a claim,
  // and only a pending or retrying delivery can be claimed).
  expect(deliveries).toHaveLength(5);
  expect(webhook.requests).toHaveLength(failedBefore + 4);
});

test('ten identical recovers at once queue the window once', async () => {
  const { webhook, connectionId, state } = await failedReplies(3);
  state.failing = false;
  const failedBefore = webhook.requests.length;
  const since = new Date(Date.now() - 60_000).toISOString();

  const answers = await Promise.all(
    Array.from({ length: 10 }, () => recover(connectionId, { since })),
  );

  expect(answers.map((a) => a.status).sort()).toEqual([
    200, 200, 200, 200, 200, 200, 200, 200, 200, 202,
  ]);
  expect(new Set(answers.map((a) => a.body.queued))).toEqual(new Set([3]));
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).every((d: Delivery) => d.status === 'delivered'),
    { what: 'every delivery recovered' },
  );
  expect(webhook.requests).toHaveLength(failedBefore + 3);
});

test('a paused target in the window is a 409 target_paused; resumed, its paused deliveries are recovered too', async () => {
  const { webhook, connectionId, state } = await failedReplies(1);
  await relay.api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { paused: true } });
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'parked' } });
  await waitFor(
    async () => (await listDeliveries(relay, connectionId)).some((d) => d.status === 'paused'),
    { what: 'a paused delivery' },
  );
  const since = new Date(Date.now() - 60_000).toISOString();

  const refused = await recover(connectionId, { since, target: 'webhook' });

  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('target_paused');
  state.failing = false;
  await relay.api(`/api/connections/${connectionId}`, { method: 'PATCH', body: { paused: false } });
  const accepted = await recover(connectionId, { since, target: 'webhook' });
  expect(accepted.status).toBe(202);
  expect(accepted.body.queued).toBe(2);
  await waitFor(
    async () =>
      (await listDeliveries(relay, connectionId)).every((d: Delivery) => d.status === 'delivered'),
    { what: 'both delivered' },
  );
  expect(webhook.requests).toHaveLength(3);
});

test('a window is checked: until after since, target webhook or a subscription id', async () => {
  const { connectionId } = await failedReplies(0);
  const since = new Date().toISOString();

  expect((await recover(connectionId, { since, until: since })).status).toBe(400);
  expect((await recover(connectionId, { since, target: 'elsewhere' })).status).toBe(400);
  expect((await recover(connectionId, { since: 'yesterday' })).status).toBe(400);
  expect((await recover('conn_unknown', { since })).status).toBe(404);
});
