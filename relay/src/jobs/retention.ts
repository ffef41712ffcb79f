import type { RelayDeps } from '../deps.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Small batches keep each store command short, so accepts never wait behind a purge. */
const BATCH = 500;

/**
 * Removes settled messages, finished deliveries (with their attempts), records of removed
 * subscriptions and expired idempotency keys older than the retention window, batch by batch.
 */
export async function applyRetention(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>,
): Promise<{
  messages: number;
  deliveries: number;
  removedSubscriptions: number;
  idempotencyKeys: number;
}> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.settings.retentionDays * DAY_MS);
  const { conversations, deliveries, removedSubscriptions, idempotency } = deps.store;
  const removed = {
    messages: await drain((limit) => conversations.removeMessagesBefore(cutoff, limit)),
    deliveries: await drain((limit) => deliveries.removeFinishedBefore(cutoff, limit)),
    removedSubscriptions: await drain((limit) => removedSubscriptions.removeBefore(cutoff, limit)),
    idempotencyKeys: await drain((limit) => idempotency.removeExpired(now, limit)),
  };
  if (Object.values(removed).some((count) => count > 0)) {
    deps.logger.info({ ...removed, before: cutoff.toISOString() }, 'retention removed old data');
  }
  return removed;
}

async function drain(removeBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await removeBatch(BATCH);
    total += removed;
    if (removed < BATCH) return total;
    // Let waiting requests go first between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
