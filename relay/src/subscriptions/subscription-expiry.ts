import type { SubscriptionRemovalReason } from '@fourthchat/shared';
import type { Subscription } from '../model/subscription.js';
import { removeSubscription, type RemovalDeps } from './remove-subscription.js';

/**
 * The hourly expiry of subscriptions: those whose expiration_date passed, and those paused
 * for longer than RELAY_SUBSCRIPTION_EXPIRY, as REST hooks expect of dead hooks. Each removal
 * is told (see removeSubscription). A connection's own webhook URL is never removed: only
 * subscriptions are read.
 */
export async function expireSubscriptions(deps: RemovalDeps): Promise<{ subscriptions: number }> {
  const { store, clock, settings } = deps;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - settings.subscriptionExpiryMs);
  const remove = (subscription: Subscription, reason: SubscriptionRemovalReason) =>
    removeSubscription(deps, { subscription, remover: { by: 'relay', reason } });
  let removed = 0;
  for (const doc of await store.subscriptions.expiredBefore(now)) {
    if (await remove(doc, 'expired')) removed += 1;
  }
  // One that expired is not read again: it is gone.
  for (const doc of await store.subscriptions.pausedBefore(cutoff)) {
    if (await remove(doc, 'paused_too_long')) removed += 1;
  }
  return { subscriptions: removed };
}
