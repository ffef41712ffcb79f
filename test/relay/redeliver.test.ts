// POST /api/deliveries/:id/redeliver: the same bytes and delivery id again, freshly signed,
// with a fresh retry schedule.
import { expect, test } from '@jest/globals';
import type { Delivery } from '@fourthchat/shared';
import { waitForDelivery, waitForDeliveryOf } from '../support/deliveries.js';
import type { Responder } from '../support/receiver.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayForThisFile } from '../support/relay-fixture.js';
import { verifiesWith } from '../support/signatures.js';

const relay = relayForThisFile({
  settings: { retryScheduleMs: [100, 100, 100], recoveryIntervalMs: 200 },
});
const receivers = receiverPool();

/** A connection whose receiver answers with `responder`, and its first reply's delivery once `done`. */
async function deliveryTo(responder: Responder, done: (d: Delivery) => boolean) {
  const receiver = await receivers.start(responder);
  const { connectionId, secret } = await createConnection(relay, receiver.url);
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'again please' } });
  const delivery = await waitForDeliveryOf(relay, connectionId, done);
  return { receiver, secret, delivery };
}

const redeliver = (id: string) => relay.api(`/api/deliveries/${id}/redeliver`, { method: 'POST' });

test('a failed delivery is sent again with the same id and bytes, freshly signed, and ends delivered', async () => {
  let healthy = false;
  const { receiver, secret, delivery } = await deliveryTo(
    () => ({ status: healthy ? 200 : 410 }),
    (d) => d.status === 'failed',
  );
  healthy = true;

  const response = await redeliver(delivery.id);

  expect(response.status).toBe(202);
  expect(response.body).toEqual(expect.objectContaining({ id: delivery.id, status: 'pending' }));
  const delivered = await waitForDelivery(relay, delivery.id, (d) => d.status === 'delivered');
  expect(delivered.attempts.map((a) => a.status)).toEqual([410, 200]);
  const [before, after] = receiver.requests;
  expect(after?.body).toBe(before?.body);
  expect(after?.headers['webhook-id']).toBe(delivery.id);
  expect(after?.headers['x-webhook-id']).toBe(delivery.id);
  if (after) expect(verifiesWith(after, secret)).toBe(true);
});

test('a delivered delivery can be sent once more', async () => {
  const { receiver, delivery } = await deliveryTo(
    () => ({ status: 200 }),
    (d) => d.status === 'delivered',
  );

  expect((await redeliver(delivery.id)).status).toBe(202);

  const again = await waitForDelivery(relay, delivery.id, (d) => d.attempts.length === 2);
  expect(again.status).toBe('delivered');
  expect(receiver.requests).toHaveLength(2);
});

test('a redelivered delivery gets the whole retry schedule again', async () => {
  let failuresLeft = Infinity;
  const { receiver, delivery } = await deliveryTo(
    () => (failuresLeft-- > 0 ? { status: 500 } : { status: 200 }),
    (d) => d.status === 'failed',
  );
  expect(delivery.attempts).toHaveLength(4);
  failuresLeft = 3;

  await redeliver(delivery.id);

  const delivered = await waitForDelivery(relay, delivery.id, (d) => d.status === 'delivered');
  expect(delivered.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500, 500, 500, 500, 200]);
  expect(receiver.requests).toHaveLength(8);
});

test('an unknown delivery is a 404', async () => {
  const response = await redeliver('dlv_does_not_exist');

  expect(response.status).toBe(404);
  expect(response.body.error.code).toBe('not_found');
});
