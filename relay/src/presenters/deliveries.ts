import type * as api from '@fourthchat/shared';
import type { Delivery } from '../model/delivery.js';

export function deliveryView(doc: Delivery): api.Delivery {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    ...(doc.subscriptionId ? { subscriptionId: doc.subscriptionId } : {}),
    ...(doc.messageId ? { messageId: doc.messageId } : {}),
    kind: doc.kind,
    event: doc.event,
    targetUrl: doc.targetUrl,
    status: doc.status,
    attempts: doc.attempts,
    ...(doc.nextAttemptAt ? { nextAttemptAt: doc.nextAttemptAt.toISOString() } : {}),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
