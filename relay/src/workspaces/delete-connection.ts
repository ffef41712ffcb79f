import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import { webhookKey } from '../model/target-health.js';
import type { Store } from '../store/store.js';

/**
 * The command that deletes a connection with what hangs on it (see `removeWhatHangsOn`). Its
 * conversations, messages and deliveries are left to retention: a message or a delivery is
 * still found by its id.
 */
export async function deleteConnection(
  deps: Pick<RelayDeps, 'store'>,
  { connection }: { connection: Connection },
): Promise<void> {
  await removeWhatHangsOn(deps.store, [connection.id]);
  await deps.store.connections.delete(connection.id, connection.workspaceId);
}

/**
 * What hangs on connections that are being deleted: their subscriptions, the records of those
 * the relay removed, and the health figures of their targets (webhook URLs and subscriptions).
 */
export async function removeWhatHangsOn(
  store: Store,
  connectionIds: readonly string[],
): Promise<void> {
  const subscriptions = await store.subscriptions.forConnections(connectionIds);
  await store.subscriptions.deleteForConnections(connectionIds);
  await store.removedSubscriptions.deleteForConnections(connectionIds);
  await store.targetHealth.remove([
    ...connectionIds.map(webhookKey),
    ...subscriptions.map((subscription) => subscription.id),
  ]);
}
