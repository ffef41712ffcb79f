// A stored delivery as the fan-out creates it (pending, no attempts), for tests that work
// with the repositories and the delivery service directly.
import type { DeliveryDoc } from '../../relay/src/store/documents.js';

export function pendingDelivery(
  id: string,
  fields: Pick<DeliveryDoc, 'workspaceId' | 'connectionId' | 'targetUrl'> & { at?: Date },
): DeliveryDoc {
  const { at = new Date(), ...target } = fields;
  return {
    _id: id,
    ...target,
    subscriptionId: null,
    messageId: null,
    kind: 'reply',
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
