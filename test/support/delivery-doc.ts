// A delivery as the fan-out creates it (pending, no attempts), for tests that work with the
// repositories and the delivery service directly.
import type { Delivery } from '../../relay/src/model/delivery.js';

export function pendingDelivery(
  id: string,
  fields: Pick<Delivery, 'workspaceId' | 'connectionId' | 'targetUrl'> & { at?: Date },
): Delivery {
  const { at = new Date(), ...target } = fields;
  return {
    id,
    ...target,
    subscriptionId: null,
    messageId: null,
    kind: 'reply',
    event: 'ai.response',
    body: '{}',
    status: 'pending',
    attempts: [],
    attemptCount: 0,
    cycleStart: 0,
    nextAttemptAt: null,
    inFlight: null,
    createdAt: at,
    updatedAt: at,
  };
}
