import { nextRetry, type DeliveryAttempt } from '@fourthchat/shared';
import type { ClaimedDelivery, Delivery } from './delivery.js';

/** What came of a claimed attempt, at `at`. */
export type AttemptOutcome =
  /** Sent: how the target answered (or why it could not be reached). */
  | { kind: 'sent'; attempt: DeliveryAttempt; retryAfterMs: number | undefined; at: Date }
  /** Not sendable, and no retry would change that (the target is gone, its secret unreadable). */
  | { kind: 'unsendable'; attempt: DeliveryAttempt; at: Date }
  /** Sent to a paused target, to see whether it is back (a probe): how it answered. */
  | { kind: 'probed'; attempt: DeliveryAttempt; at: Date }
  /** The target is paused: nothing was sent, the delivery waits for a resume or a recover. */
  | { kind: 'paused'; at: Date };

/** How deliveries retry: after a failed attempt n of a cycle, wait `retryScheduleMs[n - 1]`. */
export interface RetryPolicy {
  retryScheduleMs: readonly number[];
}

/** A 2xx answer: the delivery is delivered. */
export function succeeded(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/**
 * The one home of a delivery's state machine: the delivery after its claimed attempt.
 * Delivered on a 2xx; failed when it cannot be sent, is a test (one-off), answered 410 or ran
 * out of its cycle's retries; otherwise retrying at the schedule's (or Retry-After's) time;
 * paused when its target is, or when a probe of its paused target failed (held again, with
 * the attempt in its log). The claim is released either way. Both stores write what this
 * answers (`attemptChange`), and the delivery service answers it to its callers.
 */
export function afterAttempt(
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  policy: RetryPolicy,
): Delivery {
  const released = { ...delivery, inFlight: null, updatedAt: outcome.at };
  if (outcome.kind === 'paused') return { ...released, status: 'paused', nextAttemptAt: null };
  const recorded = {
    ...released,
    attempts: [...delivery.attempts, outcome.attempt],
    attemptCount: delivery.attemptCount + 1,
  };
  if (succeeded(outcome.attempt.status)) {
    return { ...recorded, status: 'delivered', nextAttemptAt: null };
  }
  if (outcome.kind === 'probed') return { ...recorded, status: 'paused', nextAttemptAt: null };
  const retryAt = outcome.kind === 'sent' ? retryTime(delivery, outcome, policy) : null;
  return retryAt
    ? { ...recorded, status: 'retrying', nextAttemptAt: retryAt }
    : { ...recorded, status: 'failed', nextAttemptAt: null };
}

/** When the next attempt is due after a failed send; null when none follows. */
function retryTime(
  delivery: ClaimedDelivery,
  outcome: Extract<AttemptOutcome, { kind: 'sent' }>,
  policy: RetryPolicy,
): Date | null {
  // Tests are one-off checks; event deliveries retry like replies.
  if (delivery.kind === 'test') return null;
  const decision = nextRetry({
    attempt: delivery.attemptCount + 1 - delivery.cycleStart,
    status: outcome.attempt.status,
    retryAfterMs: outcome.retryAfterMs,
    schedule: policy.retryScheduleMs,
  });
  // Out of retries, or 410 Gone (whose subscription is removed on the attempt's event).
  return decision.retry ? new Date(outcome.at.getTime() + decision.delayMs) : null;
}

/** What an attempt changes of a delivery: the fields a store writes, while the claim holds. */
export type AttemptChange = Pick<
  Delivery,
  'status' | 'nextAttemptAt' | 'attempts' | 'attemptCount' | 'inFlight' | 'updatedAt'
>;

/** The fields of `next` (an `afterAttempt` answer) that its attempt changed. */
export function attemptChange(next: Delivery): AttemptChange {
  return {
    status: next.status,
    nextAttemptAt: next.nextAttemptAt,
    attempts: next.attempts,
    attemptCount: next.attemptCount,
    inFlight: next.inFlight,
    updatedAt: next.updatedAt,
  };
}
