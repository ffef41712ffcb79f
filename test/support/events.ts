// Reads what a receiver got by its X-Webhook-Event header, as a subscriber routing events would.
import { expect } from '@jest/globals';
import type { RelayEvent } from '@fourthchat/shared';
import type { ReceivedRequest, Receiver } from './receiver.js';
import { waitFor } from './wait.js';

export function eventsOfType(receiver: Receiver, type: string): ReceivedRequest[] {
  return receiver.requests.filter((request) => request.headers['x-webhook-event'] === type);
}

/** Waits until `receiver` has `count` requests of `type`; answers them with their bodies parsed. */
export async function waitForEvents<T extends RelayEvent['type']>(
  receiver: Receiver,
  type: T,
  count = 1,
): Promise<{ request: ReceivedRequest; event: Extract<RelayEvent, { type: T }> }[]> {
  const found = await waitFor(
    () => {
      const matching = eventsOfType(receiver, type);
      return matching.length >= count ? matching : undefined;
    },
    { what: `${String(count)} ${type} event(s)` },
  );
  return found.map((request) => ({
    request,
    event: JSON.parse(request.body) as Extract<RelayEvent, { type: T }>,
  }));
}

/** What an event of `type` about `connectionId` looks like, for toEqual. */
export function expectedEvent(type: string, connectionId: string, data: unknown) {
  return {
    type,
    id: expect.stringMatching(/^evt_/),
    connectionId,
    timestamp: expect.any(String),
    data,
  };
}
