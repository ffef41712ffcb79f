import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import { webhookKey } from '../model/target-health.js';

/**
 * The command that deletes a connection with what hangs on it: its subscriptions, the records
 * of those the relay removed, and the health figures of its targets (its webhook URL and each
 * subscription). Its conversations, messages and deliveries are left to retention: a message
 * or a delivery is still found by its id.
 */
export async function deleteConnection(
  deps: Pick<RelayDeps, 'store'>,
  { connection }: { connection: Connection },
): Promise<void> {
  const { store } = deps;
  const subscriptions = await store.subscriptions.forConnection(connection.id);
  await store.subscriptions.deleteForConnections([connection.id]);
  await store.removedSubscriptions.deleteForConnections([connection.id]);
  await store.targetHealth.remove([
    webhookKey(connection.id),
    ...subscriptions.map((subscription) => subscription.id),
  ]);
  await store.connections.delete(connection.id, connection.workspaceId);
}
