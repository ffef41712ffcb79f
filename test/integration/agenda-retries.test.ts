// Retries as durable Agenda jobs on the real store: each retry is a job in agendaJobs, removed
// once it ran, and none is left once a delivery gives up. (The retry rules themselves run on
// the memory store: relay/retries.test.ts.)
import { expect, test } from '@jest/globals';
import { waitForDelivery, waitForDeliveryOf } from '../support/deliveries.js';
import { startMongoTestRelay } from '../support/mongo-relay-harness.js';
import { receiverPool } from '../support/receiver-pool.js';
import { createConnection } from '../support/relay-harness.js';
import { relayFixture } from '../support/relay-fixture.js';
import { waitFor } from '../support/wait.js';

const relay = relayFixture(() =>
  startMongoTestRelay({ settings: { retryScheduleMs: [500, 500, 500], recoveryIntervalMs: 200 } }),
);
const receivers = receiverPool();

/** The delivery of one message to a new connection whose receiver fails `failures` times. */
async function deliveryFailing(failures: number) {
  const receiver = await receivers.start((_request, index) =>
    index < failures ? { status: 500 } : { status: 200 },
  );
  const { connectionId } = await createConnection(relay, receiver.url);
  await relay.api('/api/webhooks/incoming', { body: { connectionId, message: 'retry me' } });
  return waitForDeliveryOf(relay, connectionId, (d) => d.kind === 'reply');
}

const jobsOf = (deliveryId: string, filter: object = {}) =>
  relay.db
    .collection('agendaJobs')
    .countDocuments({ name: 'deliver', 'data.deliveryId': deliveryId, ...filter });

test('each retry is an Agenda job, removed once it ran', async () => {
  const { id } = await deliveryFailing(2);
  // From the first failed attempt until the last retry ran, a job is due.
  await waitFor(async () => (await jobsOf(id)) >= 1, { what: 'a retry job stored' });

  await waitForDelivery(relay, id, (d) => d.status === 'delivered');

  // Agenda removes a job just after its handler returns: only what is to come stays.
  await waitFor(async () => (await jobsOf(id)) === 0, { what: 'the finished jobs removed' });
  expect(await jobsOf(id)).toBe(0);
});

test('a delivery that gave up leaves no job to run', async () => {
  const { id } = await deliveryFailing(Infinity);

  await waitForDelivery(relay, id, (d) => d.status === 'failed');

  const left = () => jobsOf(id, { nextRunAt: { $ne: null } });
  await waitFor(async () => (await left()) === 0, { what: 'no job left to run' });
  expect(await left()).toBe(0);
});
