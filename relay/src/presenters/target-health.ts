import type { TargetHealth } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import { eventTargetOf, type DeliveryTarget } from '../targets/targets.js';
import {
  HEALTH_HOURS,
  HEALTH_LATENCY_BOUNDS_MS,
  HOUR_MS,
  type HealthFigures,
} from '../model/target-health.js';

/** The health of `targets` by target key: the figures of all of them in one read. */
export async function healthOfTargets(
  deps: Pick<RelayDeps, 'store' | 'clock'>,
  targets: readonly DeliveryTarget[],
): Promise<Map<string, TargetHealth>> {
  const figures = await deps.store.targetHealth.forKeys(targets.map((target) => target.key));
  const byKey = new Map(figures.map((each) => [each.id, each]));
  const now = deps.clock.now();
  return new Map(
    targets.map((target) => [target.key, targetHealthView(target, byKey.get(target.key), now)]),
  );
}

export function targetHealthView(
  target: DeliveryTarget,
  doc: HealthFigures | undefined,
  now: Date,
): TargetHealth {
  const last24h = lastDay(doc, now);
  const state = target.paused ? 'paused' : doc ? latestOutcome(doc) : 'unused';
  return {
    target: eventTargetOf(target),
    state,
    last24h,
    consecutiveFailures: doc?.consecutiveFailures ?? 0,
    ...(doc?.failingSince ? { failingSince: doc.failingSince.toISOString() } : {}),
    ...(doc?.lastError
      ? { lastError: { message: doc.lastError.message, at: doc.lastError.at.toISOString() } }
      : {}),
    ...(doc?.lastSuccessAt ? { lastSuccessAt: doc.lastSuccessAt.toISOString() } : {}),
    ...(target.paused
      ? { paused: { at: target.paused.at.toISOString(), reason: target.paused.reason } }
      : {}),
  };
}

/** A resume clears failingSince, yet the latest attempt still failed: the last error says so. */
function latestOutcome(doc: HealthFigures): TargetHealth['state'] {
  const { failingSince, lastError, lastSuccessAt } = doc;
  if (failingSince || (lastError && (!lastSuccessAt || lastError.at > lastSuccessAt)))
    return 'failing';
  return lastSuccessAt ? 'healthy' : 'unused';
}

function lastDay(doc: HealthFigures | undefined, now: Date): TargetHealth['last24h'] {
  const current = Math.floor(now.getTime() / HOUR_MS);
  const hours = Object.values(doc?.hours ?? {}).filter(
    (slot) => slot.hour > current - HEALTH_HOURS && slot.hour <= current,
  );
  const counts = HEALTH_LATENCY_BOUNDS_MS.map((_, bucket) =>
    hours.reduce((sum, slot) => sum + (slot.latency[String(bucket)] ?? 0), 0),
  );
  const attempts = hours.reduce((sum, slot) => sum + slot.attempts, 0);
  const succeeded = hours.reduce((sum, slot) => sum + slot.succeeded, 0);
  return {
    attempts,
    succeeded,
    successRate: attempts === 0 ? null : succeeded / attempts,
    p50Ms: percentile(counts, 0.5),
    p99Ms: percentile(counts, 0.99),
  };
}

/** The upper bound of the bucket holding the q-th attempt time; null without attempts. */
export function percentile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [bucket, count] of counts.entries()) {
    seen += count;
    if (seen >= rank) return HEALTH_LATENCY_BOUNDS_MS[bucket] ?? null;
  }
  return null;
}
