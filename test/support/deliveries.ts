// Reads deliveries through the public API, as a user of the delivery log would.
import type { Delivery } from '@fourthchat/shared';
import type { TestRelay } from './relay-harness.js';
import { waitFor } from './wait.js';

export async function listDeliveries(
  relay: TestRelay,
  connectionId: string,
  apiKey?: string,
): Promise<Delivery[]> {
  const response = await relay.api(`/api/connections/${connectionId}/deliveries`, {
    ...(apiKey ? { apiKey } : {}),
  });
  if (response.status !== 200) throw new Error(`deliveries: HTTP ${response.status}`);
  return response.body.data as Delivery[];
}

const poll = <T>(check: () => Promise<T | undefined>, what: string) =>
  waitFor(check, { intervalMs: 50, what });

/** Polls GET /api/deliveries/:id until `done` holds. */
export function waitForDelivery(
  relay: TestRelay,
  deliveryId: string,
  done: (delivery: Delivery) => boolean,
): Promise<Delivery> {
  return poll(async () => {
    const response = await relay.api(`/api/deliveries/${deliveryId}`);
    const delivery = response.body as Delivery;
    return response.status === 200 && done(delivery) ? delivery : undefined;
  }, `delivery ${deliveryId}`);
}

/** Waits until the connection has a delivery matching `pick`, and returns it. */
export function waitForDeliveryOf(
  relay: TestRelay,
  connectionId: string,
  pick: (delivery: Delivery) => boolean,
): Promise<Delivery> {
  const find = async () => (await listDeliveries(relay, connectionId)).find(pick);
  return poll(find, `a delivery of ${connectionId}`);
}
