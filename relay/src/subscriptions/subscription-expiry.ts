import type { RelayDeps } from '../deps.js';
import type { SubscriptionRemovals } from './subscription-removal.js';

/**
 * The hourly expiry of subscriptions: those whose expiration_date passed, and those paused
 * for longer than RELAY_SUBSCRIPTION_EXPIRY, as REST hooks expect of dead hooks. Each removal
 * is told (see SubscriptionRemovals). A connection's own webhook URL is never removed: only
 * subscriptions are read.
 */
export async function expireSubscriptions(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'settings'>,
  removals: Pick<SubscriptionRemovals, 'remove'>,
): Promise<{ subscriptions: number }> {
  const { store, clock, settings } = deps;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - settings.subscriptionExpiryMs);
  let removed = 0;
  for (const doc of await store.subscriptions.expiredBefore(now)) {
    if (await removals.remove(doc, 'expired')) removed += 1;
  }
  // One that expired is not read again: it is gone.
  for (const doc of await store.subscriptions.pausedBefore(cutoff)) {
    if (await removals.remove(doc, 'paused_too_long')) removed += 1;
  }
  return { subscriptions: removed };
}
