import type { AnyBulkWriteOperation, Filter, UpdateFilter } from 'mongodb';
import {
  slotOf,
  type HealthDelta,
  type HealthFigures,
  type HealthHour,
  type PauseRule,
} from '../../model/target-health.js';
import type { TargetHealthRepository } from '../target-health.js';
import type { Collections } from './database.js';
import type { TargetHealthDoc } from './documents.js';
import { healthOf } from './mapping.js';

/** `targetHealth`, written only by `$inc`, `$set`, `$min`, `$max`: relays sharing it add up. */
export class MongoTargetHealthRepository implements TargetHealthRepository {
  constructor(private readonly c: Pick<Collections, 'targetHealth'>) {}

  /** One ordered bulk write. */
  async apply(deltas: readonly HealthDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.c.targetHealth.bulkWrite(deltas.flatMap(operations), { ordered: true });
  }

  /** One read by _id. */
  async reached(keys: readonly string[], rule: PauseRule, now: Date): Promise<HealthFigures[]> {
    const limits: Filter<TargetHealthDoc>[] = [];
    if (rule.failures !== null) limits.push({ consecutiveFailures: { $gte: rule.failures } });
    if (rule.ms !== null)
      limits.push({ failingSince: { $lte: new Date(now.getTime() - rule.ms) } });
    if (keys.length === 0 || limits.length === 0) return [];
    const docs = await this.c.targetHealth.find({ _id: { $in: [...keys] }, $or: limits }).toArray();
    return docs.map(healthOf);
  }

  async forKeys(keys: readonly string[]): Promise<HealthFigures[]> {
    if (keys.length === 0) return [];
    const docs = await this.c.targetHealth.find({ _id: { $in: [...keys] } }).toArray();
    return docs.map(healthOf);
  }

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

const slotPath = (hour: number) => `hours.${slotOf(hour)}`;

function operations(delta: HealthDelta): AnyBulkWriteOperation<TargetHealthDoc>[] {
  const resets: AnyBulkWriteOperation<TargetHealthDoc>[] = delta.hours.map(({ hour }) => {
    const empty: HealthHour = { hour, attempts: 0, succeeded: 0, latency: {} };
    // Only the first writer of a new hour empties the slot (a day-old count is in it).
    return {
      updateOne: {
        filter: { _id: delta.key, [`${slotPath(hour)}.hour`]: { $ne: hour } },
        update: { $set: { [slotPath(hour)]: empty } },
      },
    };
  });
  const inc: Record<string, number> = {};
  const set: Record<string, unknown> = {};
  for (const { hour, attempts, succeeded, latency } of delta.hours) {
    const slot = slotPath(hour);
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
