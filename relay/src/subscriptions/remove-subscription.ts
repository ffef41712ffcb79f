import { isoSeconds, type SubscriptionRemovalReason } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { AttemptRecorded } from '../events/attempt-recorded.js';
import type { RelayEvents } from '../events/relay-events.js';
import type { Subscription } from '../model/subscription.js';
import { isZapierHookUrl, turnZapOff } from './zap-off.js';

export type RemovalDeps = Pick<
  RelayDeps,
  'store' | 'clock' | 'ids' | 'logger' | 'send' | 'settings'
> & {
  events: Pick<RelayEvents, 'emit'>;
};

/** Who removes a subscription: its owner (a DELETE), or the relay on its own, for a reason. */
export type Remover = { by: 'owner' } | { by: 'relay'; reason: SubscriptionRemovalReason };

/**
 * The command that removes a subscription: the subscription and its health figures. Its
 * owner knows; a removal the relay makes on its own (expiry, paused too long, a 410 from the
 * target) is never silent: a warn log line, a record the API and the page show, and
 * `subscription.removed` to the connection's other subscriptions that chose it; a Zap still on
 * (not after a 410) is turned off through its hook URL. False when it was gone already
 * (another relay removed it at the same moment): then nothing is told twice.
 */
export async function removeSubscription(
  deps: RemovalDeps,
  { subscription, remover }: { subscription: Subscription; remover: Remover },
): Promise<boolean> {
  const { store } = deps;
  if (!(await store.subscriptions.delete(subscription))) return false;
  await store.targetHealth.remove([subscription.id]);
  if (remover.by === 'relay') await tellRemoval(deps, subscription, remover.reason);
  return true;
}

async function tellRemoval(
  deps: RemovalDeps,
  doc: Subscription,
  reason: SubscriptionRemovalReason,
): Promise<void> {
  const { store, clock, ids, logger } = deps;
  const heldDeliveries = await store.deliveries.countHeld(doc.id);
  const now = clock.now();
  await store.removedSubscriptions.record({
    id: doc.id,
    workspaceId: doc.workspaceId,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    reason,
    heldDeliveries,
    removedAt: now,
  });
  logger.warn(
    { connectionId: doc.connectionId, subscriptionId: doc.id, reason, heldDeliveries },
    'subscription removed',
  );
  if (reason !== 'gone' && isZapierHookUrl(doc.targetUrl)) {
    const { connectionId, targetUrl } = doc;
    await turnZapOff(deps, { id: doc.id, connectionId, targetUrl });
  }
  const connection = await store.connections.get(doc.connectionId);
  if (!connection) return;
  await deps.events.emit(connection, doc.id, {
    type: 'subscription.removed',
    id: ids.next('evt'),
    connectionId: doc.connectionId,
    timestamp: isoSeconds(now),
    data: { subscription: { id: doc.id, targetUrl: doc.targetUrl }, reason, heldDeliveries },
  });
}

/**
 * On `attemptRecorded`: a subscription's target answered 410 Gone, the hook is gone for good
 * (REST hooks), so the relay removes it. Starts the removal and returns; a failure is logged.
 */
export function removeIfGone(deps: RemovalDeps, recorded: AttemptRecorded): void {
  const { subscriptionId } = recorded.delivery;
  if (!recorded.gone || subscriptionId === null) return;
  void deps.store.subscriptions
    .get(subscriptionId)
    .then((subscription) =>
      subscription
        ? removeSubscription(deps, { subscription, remover: { by: 'relay', reason: 'gone' } })
        : false,
    )
    .catch((error: unknown) => {
      deps.logger.error({ err: error, subscriptionId }, 'gone subscription not removed');
    });
}
