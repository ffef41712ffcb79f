import type * as api from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import type {
  RemovedSubscription,
  Subscription,
  SubscriptionFilter,
} from '../model/subscription.js';
import { targetsOf } from '../targets/targets.js';
import { healthOfTargets } from './target-health.js';

/** A connection's subscriptions as the API shows them, each with its health. */
export async function viewSubscriptions(
  deps: Pick<RelayDeps, 'store' | 'clock'>,
  connection: Connection,
  subscriptions: readonly Subscription[],
): Promise<api.Subscription[]> {
  const health = await healthOfTargets(deps, targetsOf(connection, subscriptions));
  return subscriptions.map((doc) => subscriptionView(doc, health.get(doc.id) as api.TargetHealth));
}

export function subscriptionView(doc: Subscription, health: api.TargetHealth): api.Subscription {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    events: doc.events,
    filter: filterView(doc.filter),
    whileUnpublished: doc.whileUnpublished,
    paused: Boolean(doc.paused),
    ...(doc.expiresAt ? { expiration_date: doc.expiresAt.toISOString() } : {}),
    health,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function removedSubscriptionView(doc: RemovedSubscription): api.RemovedSubscription {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    reason: doc.reason,
    heldDeliveries: doc.heldDeliveries,
    removedAt: doc.removedAt.toISOString(),
  };
}

function filterView(filter: SubscriptionFilter | null): api.SubscriptionFilter {
  if (!filter) return {};
  return {
    ...(filter.userId === null ? {} : { userId: filter.userId }),
    ...(filter.metadata.length === 0
      ? {}
      : { metadata: Object.fromEntries(filter.metadata.map(({ key, value }) => [key, value])) }),
  };
}
