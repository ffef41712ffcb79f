import type { RelayDeps } from '../deps.js';
import type { RetryScheduler } from '../jobs/jobs.js';
import type { Redelivery } from '../store/deliveries.js';
import { CLAIM_MARGIN_MS, type AttemptResult, type DeliveryService } from './delivery-service.js';

export interface SendAgainRunners {
  scheduler: RetryScheduler;
  deliveries: Pick<DeliveryService, 'attempt'>;
}

/**
 * Starts a new cycle of attempts of a held (or failed) delivery and makes its first attempt
 * here and now, waiting for it to be recorded. Should this process die before that, a durable
 * job makes the attempt: it is due only after the longest this send can take, so it never
 * races it. Undefined when the delivery was sent by someone else meanwhile, or is in flight
 * under a claim (whose owner's job retries it).
 */
export async function sendAgain(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'settings'>,
  runners: SendAgainRunners,
  delivery: Redelivery,
  options: { despitePause?: boolean } = {},
): Promise<AttemptResult | undefined> {
  const now = deps.clock.now();
  const restarted = await deps.store.deliveries.redeliver(delivery, now);
  if (!restarted) return undefined;
  const attempt = restarted.attemptCount;
  await runners.scheduler.schedule({
    deliveryId: delivery.id,
    attempt,
    at: new Date(now.getTime() + deps.settings.deliveryTimeoutMs + CLAIM_MARGIN_MS),
  });
  return runners.deliveries.attempt(delivery.id, attempt, options);
}
