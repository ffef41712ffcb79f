// Reads what a receiver got by its X-Webhook-Event header, as a subscriber routing events would.
import type { RelayEvent } from '@fourthchat/shared';
import type { ReceivedRequest, Receiver } from './receiver.js';
import { waitFor } from './wait.js';

export function eventsOfType(receiver: Receiver, type: string): ReceivedRequest[] {
  return receiver.requests.filter((request) => request.headers['x-webhook-event'] === type);
}

/** Waits until `receiver` has `count` requests of `type`; answers them with their bodies parsed. */
export async function waitForEvents(
  receiver: Receiver,
  type: string,
  count = 1,
): Promise<{ request: ReceivedRequest; event: RelayEvent }[]> {
  const found = await waitFor(
    () => {
      const matching = eventsOfType(receiver, type);
      return matching.length >= count ? matching : undefined;
    },
    { what: `${String(count)} ${type} event(s)` },
  );
  return found.map((request) => ({ request, event: JSON.parse(request.body) as RelayEvent }));
}
