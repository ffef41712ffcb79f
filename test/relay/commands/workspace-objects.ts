// A workspace's objects stored in a memory store, as the commands' tests need them: a
// connection with subscriptions, a record of one the relay removed, and its targets' figures.
import type { Connection } from '../../../relay/src/model/connection.js';
import { webhookKey } from '../../../relay/src/model/target-health.js';
import type { Store } from '../../../relay/src/store/store.js';
import {
  attemptDelta,
  connection,
  subscription,
  T0,
  uid,
} from '../../store/repositories/fixtures.js';

/** The health keys of a connection's targets: its webhook URL, then each subscription. */
export async function targetKeys(store: Store, of: Connection): Promise<string[]> {
  const subscriptions = await store.subscriptions.forConnection(of.id);
  return [webhookKey(of.id), ...subscriptions.map((each) => each.id)];
}

/** A connection of `workspaceId` with two subscriptions, a removal record and figures. */
export async function storedConnection(
  store: Store,
  fields: { workspaceId: string; chatbotId?: string },
): Promise<Connection> {
  const stored = connection({ ...fields, chatbotId: fields.chatbotId ?? uid('bot') });
  await store.connections.insert(stored);
  const on = { workspaceId: stored.workspaceId, connectionId: stored.id };
  await store.subscriptions.subscribe(subscription(on));
  await store.subscriptions.subscribe(subscription(on));
  await store.removedSubscriptions.record({
    id: uid('sub'),
    workspaceId: stored.workspaceId,
    connectionId: stored.id,
    targetUrl: 'https://hooks.example/gone',
    reason: 'gone',
    heldDeliveries: 0,
    removedAt: T0,
  });
  const keys = await targetKeys(store, stored);
  await store.targetHealth.apply(
    keys.map((key) => ({
      ...attemptDelta(key, { ok: true }),
      connectionId: stored.id,
      subscriptionId: key === webhookKey(stored.id) ? null : key,
    })),
  );
  return stored;
}

/** What remains of a connection in the store. */
export async function remainsOf(store: Store, of: Connection, keys: string[]) {
  return {
    connection: await store.connections.get(of.id),
    subscriptions: await store.subscriptions.forConnection(of.id),
    removed: await store.removedSubscriptions.forConnection(of.id),
    figures: await store.targetHealth.forKeys(keys),
  };
}
