import { createHash } from 'node:crypto';
import type { RelayDeps } from '../app/deps.js';
import type { ConnectionDoc, DeliveryDoc } from '../store/documents.js';
import { isDuplicateKey } from '../store/store.js';

/**
 * One delivery per target: the connection's webhook URL and every subscription.
 * Ids derive from the source and the target, so re-running after a crash finds
 * the same deliveries instead of creating twins.
 */
export async function createDeliveries(
  deps: Pick<RelayDeps, 'store' | 'clock'>,
  input: {
    connection: ConnectionDoc;
    sourceId: string;
    kind: DeliveryDoc['kind'];
    messageId: string | null;
    body: string;
  },
): Promise<DeliveryDoc[]> {
  const { connection } = input;
  const subscriptions = await deps.store.subscriptions
    .find({ connectionId: connection._id })
    .sort({ createdAt: 1 })
    .toArray();
  const now = deps.clock.now();
  const targets = [
    { subscriptionId: null, url: connection.webhookUrl },
    ...subscriptions.map((s) => ({ subscriptionId: s._id, url: s.targetUrl })),
  ];
  const docs: DeliveryDoc[] = targets.map((target) => ({
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
    cycleStart: 0,
    nextAttemptAt: null,
    inFlight: null,
    createdAt: now,
    updatedAt: now,
  }));
  try {
    await deps.store.deliveries.insertMany(docs, { ordered: false });
  } catch (error) {
    if (!isDuplicateKey(error) && !hasOnlyDuplicateErrors(error)) throw error;
  }
  return docs;
}

function deliveryId(sourceId: string, target: string): string {
  return `dlv_${createHash('sha256').update(`${sourceId}\u0000${target}`).digest('hex').slice(0, 26)}`;
}

function hasOnlyDuplicateErrors(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every(isDuplicateKey);
}
