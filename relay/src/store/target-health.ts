import type { AnyBulkWriteOperation, Filter, UpdateFilter } from 'mongodb';
import type { HealthHour, TargetHealthDoc } from './documents.js';
import type { Collections } from './mongo.js';

/**
 * Upper bounds (ms) of the attempt-time histogram's buckets: powers of two from 1 ms, the last
 * one also taking anything slower. Percentiles are reported as the bound of their bucket, so a
 * p99 of 512 means "between 256 and 512 ms": exact enough to compare, and it adds up by `$inc`.
 */
export const HEALTH_LATENCY_BOUNDS_MS: readonly number[] = Array.from(
  { length: 17 },
  (_, index) => 2 ** index,
);

export function latencyBucket(durationMs: number): number {
  const index = HEALTH_LATENCY_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index < 0 ? HEALTH_LATENCY_BOUNDS_MS.length - 1 : index;
}

export const HOUR_MS = 3_600_000;
/** Hourly slots kept: the last 24 hours. */
export const HEALTH_HOURS = 24;

export const webhookKey = (connectionId: string) => `${connectionId}:webhook`;

/** What one process saw of one target since its last flush. */
export interface HealthDelta {
  key: string;
  connectionId: string;
  subscriptionId: string | null;
  hours: { hour: number; attempts: number; succeeded: number; latency: Map<number, number> }[];
  /** Deliveries that gave up after the last success in this batch (or in all of it). */
  failures: number;
  /** Set when an attempt succeeded in this batch: the counters start again from it. */
  success: { at: Date; failingSince: Date | null } | null;
  /** The first failed attempt of the batch, when no success came before it. */
  firstFailureAt: Date | null;
  lastError: { message: string; at: Date } | null;
}

/** When a target counts as dead: either limit, whichever it reaches first. */
export interface PauseRule {
  failures: number | null;
  ms: number | null;
}

const slotOf = (hour: number) => `hours.h${String(hour % HEALTH_HOURS)}`;

/** Per-target attempt figures (`targetHealth`), written only by `$inc`, `$set`, `$min`, `$max`. */
export class TargetHealthRepository {
  constructor(private readonly c: Pick<Collections, 'targetHealth'>) {}

  /** Every delta in one ordered bulk write: a flush costs one store command. */
  async apply(deltas: readonly HealthDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.c.targetHealth.bulkWrite(deltas.flatMap(operations), { ordered: true });
  }

  /** Of `keys`, the targets whose stored figures reached the rule (by _id). */
  async reached(keys: readonly string[], rule: PauseRule, now: Date): Promise<TargetHealthDoc[]> {
    const limits: Filter<TargetHealthDoc>[] = [];
    if (rule.failures !== null) limits.push({ consecutiveFailures: { $gte: rule.failures } });
    if (rule.ms !== null)
      limits.push({ failingSince: { $lte: new Date(now.getTime() - rule.ms) } });
    if (keys.length === 0 || limits.length === 0) return [];
    return this.c.targetHealth.find({ _id: { $in: [...keys] }, $or: limits }).toArray();
  }

  forKeys(keys: readonly string[]): Promise<TargetHealthDoc[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.c.targetHealth.find({ _id: { $in: [...keys] } }).toArray();
  }

  /** A resumed target starts counting failures afresh. */
  async restart(key: string): Promise<void> {
    await this.c.targetHealth.updateOne(
      { _id: key },
      { $set: { consecutiveFailures: 0 }, $unset: { failingSince: '' } },
    );
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.c.targetHealth.deleteMany({ _id: { $in: [...keys] } });
  }
}

function operations(delta: HealthDelta): AnyBulkWriteOperation<TargetHealthDoc>[] {
  const resets: AnyBulkWriteOperation<TargetHealthDoc>[] = delta.hours.map(({ hour }) => {
    const empty: HealthHour = { hour, attempts: 0, succeeded: 0, latency: {} };
    // Only the first writer of a new hour empties the slot (a day-old count is in it).
    return {
      updateOne: {
        filter: { _id: delta.key, [`${slotOf(hour)}.hour`]: { $ne: hour } },
        update: { $set: { [slotOf(hour)]: empty } },
      },
    };
  });
  const inc: Record<string, number> = {};
  const set: Record<string, unknown> = {};
  for (const { hour, attempts, succeeded, latency } of delta.hours) {
    const slot = slotOf(hour);
    inc[`${slot}.attempts`] = attempts;
    inc[`${slot}.succeeded`] = succeeded;
    for (const [bucket, count] of latency) inc[`${slot}.latency.${String(bucket)}`] = count;
    // The slot exists even when this write is the one creating the document.
    set[`${slot}.hour`] = hour;
  }
  const update: UpdateFilter<TargetHealthDoc> & Record<string, unknown> = {
    $setOnInsert: { connectionId: delta.connectionId, subscriptionId: delta.subscriptionId },
  };
  if (delta.lastError) set.lastError = delta.lastError;
  if (delta.success) {
    set.consecutiveFailures = delta.failures;
    update.$max = { lastSuccessAt: delta.success.at };
    if (delta.success.failingSince) set.failingSince = delta.success.failingSince;
    else update.$unset = { failingSince: '' };
  } else {
    inc.consecutiveFailures = delta.failures;
    // $min keeps the earliest; an absent field (after a success) takes this one.
    if (delta.firstFailureAt) update.$min = { failingSince: delta.firstFailureAt };
  }
  update.$inc = inc;
  update.$set = set;
  return [...resets, { updateOne: { filter: { _id: delta.key }, update, upsert: true } }];
}
