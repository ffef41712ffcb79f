import type { RelayDeps } from '../deps.js';
import type { Redelivery } from '../store/deliveries.js';
import type { DeliveryService } from './delivery-service.js';
import type { RetryScheduler } from '../jobs/jobs.js';

/** What sends paced work: a durable job for each delivery, and an on-time kick in this process. */
export interface PacedRunners {
  scheduler: RetryScheduler;
  deliveries: Pick<DeliveryService, 'kickAt'>;
}

/** Redelivers started at once; the sends themselves are paced by their jobs' times. */
const QUEUE_CONCURRENCY = 16;

/**
 * Gives each delivery a new cycle of attempts, in the order given, one every
 * 1000 / RELAY_RECOVER_RATE ms: a durable job each (it survives a crash) and a kick at the
 * same time here (Agenda runs sub-second jobs bunched and late; the claim lets one send).
 * A delivery in flight right now (a claim of a process that died) is skipped: it is retried.
 * Answers how many were queued.
 */
export async function redeliverPaced(
  deps: Pick<RelayDeps, 'store' | 'settings'>,
  runners: PacedRunners,
  selected: readonly Redelivery[],
  now: Date,
): Promise<number> {
  const spacingMs = 1000 / deps.settings.recoverRatePerSecond;
  let queued = 0;
  for (let from = 0; from < selected.length; from += QUEUE_CONCURRENCY) {
    const chunk = selected.slice(from, from + QUEUE_CONCURRENCY);
    await Promise.all(
      chunk.map(async (doc, offset) => {
        const restarted = await deps.store.deliveries.redeliver(doc, now);
        if (!restarted) return;
        queued += 1;
        const at = new Date(now.getTime() + Math.round((from + offset) * spacingMs));
        const attempt = { deliveryId: doc.id, attempt: restarted.attemptCount, at };
        await runners.scheduler.schedule(attempt);
        runners.deliveries.kickAt(attempt.deliveryId, attempt.attempt, at);
      }),
    );
  }
  return queued;
}
