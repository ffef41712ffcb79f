import type { RelayDeps } from '../deps.js';

/**
 * Removes subscriptions paused for longer than RELAY_SUBSCRIPTION_EXPIRY, as REST hooks expect
 * of dead hooks. A connection's own webhook URL is never removed: only subscriptions are read.
 */
export async function expirePausedSubscriptions(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>,
): Promise<{ subscriptions: number }> {
  const { store, clock, settings, logger } = deps;
  const cutoff = new Date(clock.now().getTime() - settings.subscriptionExpiryMs);
  const expired = await store.subscriptions.pausedBefore(cutoff);
  for (const doc of expired) await store.subscriptions.delete(doc);
  await store.targetHealth.remove(expired.map((doc) => doc._id));
  if (expired.length > 0) {
    logger.info(
      { subscriptionIds: expired.map((doc) => doc._id), pausedBefore: cutoff.toISOString() },
      'paused subscriptions removed',
    );
  }
  return { subscriptions: expired.length };
}
