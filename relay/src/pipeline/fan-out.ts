import { createHash } from 'node:crypto';
import type { RelayDeps } from '../deps.js';
import type { ConnectionDoc, DeliveryClaim, DeliveryDoc } from '../store/documents.js';

/**
 * One delivery per target: the connection's webhook URL and every subscription. Ids
 * derive from the source and the target, so re-running after a crash finds the same
 * deliveries instead of creating twins. New ones carry `claim`, so their first attempt
 * needs no separate claim.
 */
export async function deliveriesFor(
  deps: Pick<RelayDeps, 'store' | 'clock'>,
  input: {
    connection: ConnectionDoc;
    sourceId: string;
    kind: DeliveryDoc['kind'];
    messageId: string | null;
    body: string;
    claim: DeliveryClaim;
  },
): Promise<DeliveryDoc[]> {
  const { connection } = input;
  const subscriptions = await deps.store.subscriptions.forConnection(connection._id);
  const now = deps.clock.now();
  const targets = [
    { subscriptionId: null, url: connection.webhookUrl },
    ...subscriptions.map((s) => ({ subscriptionId: s._id, url: s.targetUrl })),
  ];
  return targets.map((target) => ({
    _id: deliveryId(input.sourceId, target.subscriptionId ?? 'webhook'),
    workspaceId: connection.workspaceId,
    connectionId: connection._id,
    subscriptionId: target.subscriptionId,
    messageId: input.messageId,
    kind: input.kind,
    targetUrl: target.url,
    body: input.body,
    status: 'pending',
    attempts: [],
    attemptCount: 0,
    cycleStart: 0,
    nextAttemptAt: null,
    inFlight: input.claim,
    createdAt: now,
    updatedAt: now,
  }));
}

function deliveryId(sourceId: string, target: string): string {
  return `dlv_${createHash('sha256').update(`${sourceId}\u0000${target}`).digest('hex').slice(0, 26)}`;
}
