import {
  reachedRule,
  slotOf,
  type HealthDelta,
  type HealthFigures,
  type PauseRule,
} from '../../model/target-health.js';
import type { TargetHealthRepository } from '../target-health.js';
import { answer, Table } from './table.js';

const later = (a: Date | null, b: Date) => (a && a > b ? a : b);
const earlier = (a: Date | null, b: Date) => (a && a < b ? a : b);

/** The figures with one delta added, as MongoDB's `$inc`, `$min`, `$max` add it. */
function applied(current: HealthFigures | undefined, delta: HealthDelta): HealthFigures {
  const figures: HealthFigures = current ?? {
    id: delta.key,
    connectionId: delta.connectionId,
    subscriptionId: delta.subscriptionId,
    consecutiveFailures: 0,
    failingSince: null,
    lastError: null,
    lastSuccessAt: null,
    hours: {},
  };
  for (const { hour, attempts, succeeded, latency } of delta.hours) {
    const slot = slotOf(hour);
    const kept = figures.hours[slot];
    // A slot of another hour (a day old) starts again empty.
    const counts = kept?.hour === hour ? kept : { hour, attempts: 0, succeeded: 0, latency: {} };
    const buckets = { ...counts.latency };
    for (const [bucket, count] of latency) {
      buckets[String(bucket)] = (buckets[String(bucket)] ?? 0) + count;
    }
    figures.hours[slot] = {
      hour,
      attempts: counts.attempts + attempts,
      succeeded: counts.succeeded + succeeded,
      latency: buckets,
    };
  }
  if (delta.lastError) figures.lastError = delta.lastError;
  if (delta.success) {
    figures.consecutiveFailures = delta.failures;
    figures.lastSuccessAt = later(figures.lastSuccessAt, delta.success.at);
    figures.failingSince = delta.success.failingSince;
  } else {
    figures.consecutiveFailures += delta.failures;
    if (delta.firstFailureAt) {
      figures.failingSince = earlier(figures.failingSince, delta.firstFailureAt);
    }
  }
  return figures;
}

export class MemoryTargetHealthRepository implements TargetHealthRepository {
  private readonly figures = new Table<HealthFigures>('targetHealth');

  apply(deltas: readonly HealthDelta[]): Promise<void> {
    return answer(() => {
      for (const delta of deltas) {
        this.figures.upsert(delta.key, (current) => applied(current, delta));
      }
    });
  }

  reached(keys: readonly string[], rule: PauseRule, now: Date): Promise<HealthFigures[]> {
    return answer(() =>
      this.figures.find((figures) => keys.includes(figures.id) && reachedRule(figures, rule, now)),
    );
  }

  forKeys(keys: readonly string[]): Promise<HealthFigures[]> {
    return answer(() => this.figures.find((figures) => keys.includes(figures.id)));
  }

  restart(key: string): Promise<void> {
    return answer(() => {
      this.figures.update(
        key,
        () => true,
        (figures) => ({ ...figures, consecutiveFailures: 0, failingSince: null }),
      );
    });
  }

  remove(keys: readonly string[]): Promise<void> {
    return answer(() => {
      this.figures.deleteWhere((figures) => keys.includes(figures.id));
    });
  }
}
