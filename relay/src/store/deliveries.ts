import type { DeliveryAttempt, DeliveryStatus } from '@fourthchat/shared';
import type { DeliveryClaim, DeliveryDoc } from './documents.js';
import type { AnyBulkWriteOperation, Filter } from 'mongodb';
import { Coalescer, spans } from './coalescer.js';
import { bulkFailures, removeBatch, type Collections } from './mongo.js';

export type ClaimResult =
  | { state: 'claimed'; delivery: DeliveryDoc }
  /** Another process is making this attempt until `until`. */
  | { state: 'busy'; until: Date }
  /** The attempt was made already, or the delivery is finished or gone. */
  | { state: 'stale' };

export interface AttemptRecord {
  attempt: DeliveryAttempt;
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
}

/** A recover's selection: `subscriptionId` null is the webhook URL, undefined every target. */
export interface RecoverWindow {
  connectionId: string;
  since: Date;
  until: Date;
  subscriptionId?: string | null;
}

/** The delivery while `claim` still holds it: a claim taken over meanwhile matches nothing. */
function heldBy(delivery: Pick<DeliveryDoc, '_id'>, claim: DeliveryClaim): Filter<DeliveryDoc> {
  return { _id: delivery._id, attemptCount: claim.attempt, 'inFlight.owner': claim.owner };
}

function recoverableFilter(window: RecoverWindow): Filter<DeliveryDoc> {
  return {
    connectionId: window.connectionId,
    status: { $in: ['failed', 'paused'] },
    // Tests are one-off checks; a callback is its message's, redelivered one by one.
    kind: { $nin: ['test', 'callback'] },
    createdAt: { $gte: window.since, $lt: window.until },
    ...(window.subscriptionId === undefined ? {} : { subscriptionId: window.subscriptionId }),
  };
}

/** Deliveries and their attempts. Every state change of a delivery goes through here. */
export class DeliveryRepository {
  private readonly creations: Coalescer<DeliveryDoc[], Set<string> | Error>;
  private readonly records: Coalescer<AnyBulkWriteOperation<DeliveryDoc>, null>;

  constructor(private readonly c: Pick<Collections, 'deliveries'>) {
    this.creations = new Coalescer((batches) => this.insert(batches));
    this.records = new Coalescer(async (operations) => {
      await this.c.deliveries.bulkWrite(operations, { ordered: false });
      return operations.map(() => null);
    });
  }

  /**
   * Inserts deliveries whose ids derive from their source and target, so a re-run finds
   * the first run's. Answers the ids that were new (and so carry the caller's claim).
   */
  async createMany(docs: DeliveryDoc[]): Promise<Set<string>> {
    if (docs.length === 0) return new Set();
    const created = await this.creations.submit(docs);
    if (created instanceof Error) throw created;
    return created;
  }

  private async insert(batches: DeliveryDoc[][]): Promise<(Set<string> | Error)[]> {
    const all = batches.flat();
    let existing = new Set<number>();
    let failed = new Set<number>();
    try {
      await this.c.deliveries.insertMany(all, { ordered: false });
    } catch (error) {
      const failures = bulkFailures(error);
      if (!failures) throw error;
      existing = new Set(failures.duplicates);
      failed = new Set(failures.others);
    }
    return spans(batches.map((batch) => batch.length)).map(({ from, to }) => {
      const created = new Set<string>();
      for (let index = from; index < to; index++) {
        if (failed.has(index))
          return new Error(`delivery ${String(all[index]?._id)} was not stored`);
        if (!existing.has(index)) created.add((all[index] as DeliveryDoc)._id);
      }
      return created;
    });
  }

  /**
   * Claims attempt number `attempt` (0-based) of an unfinished delivery. A claim for an
   * attempt that was made meanwhile is stale: a late retry job cannot send twice.
   */
  async claim(id: string, claim: DeliveryClaim, now: Date): Promise<ClaimResult> {
    const before = await this.c.deliveries.findOneAndUpdate(
      {
        _id: id,
        attemptCount: claim.attempt,
        status: { $in: ['pending', 'retrying'] },
        $or: [{ inFlight: null }, { 'inFlight.until': { $lt: now } }],
      },
      { $set: { inFlight: claim } },
    );
    if (before) return { state: 'claimed', delivery: { ...before, inFlight: claim } };
    const current = await this.c.deliveries.findOne({ _id: id });
    if (
      current &&
      current.attemptCount === claim.attempt &&
      (current.status === 'pending' || current.status === 'retrying') &&
      current.inFlight
    ) {
      return { state: 'busy', until: current.inFlight.until };
    }
    return { state: 'stale' };
  }

  /**
   * Records the claimed attempt and the delivery's next state. A claim that expired and was
   * taken over meanwhile matches nothing: the new owner's attempt is the one recorded.
   */
  async record(delivery: DeliveryDoc, claim: DeliveryClaim, record: AttemptRecord, at: Date) {
    await this.records.submit({
      updateOne: {
        filter: heldBy(delivery, claim),
        update: {
          $push: { attempts: record.attempt },
          $inc: { attemptCount: 1 },
          $set: {
            status: record.status,
            nextAttemptAt: record.nextAttemptAt,
            inFlight: null,
            updatedAt: at,
          },
        },
      },
    });
  }

  /**
   * Records the claimed attempt as not made: the target is paused. The delivery waits as
   * `paused` for a recover.
   */
  async park(delivery: DeliveryDoc, claim: DeliveryClaim, at: Date): Promise<void> {
    await this.records.submit({
      updateOne: {
        filter: heldBy(delivery, claim),
        update: { $set: { status: 'paused', nextAttemptAt: null, inFlight: null, updatedAt: at } },
      },
    });
  }

  get(id: string): Promise<DeliveryDoc | null> {
    return this.c.deliveries.findOne({ _id: id });
  }

  async owned(id: string, workspaceId: string): Promise<DeliveryDoc | undefined> {
    return (await this.c.deliveries.findOne({ _id: id, workspaceId })) ?? undefined;
  }

  list(input: { connectionId: string; status?: DeliveryStatus; limit: number }) {
    return this.c.deliveries
      .find({
        connectionId: input.connectionId,
        ...(input.status ? { status: input.status } : {}),
      })
      .sort({ createdAt: -1 })
      .limit(input.limit)
      .toArray();
  }

  /**
   * Starts a new cycle of attempts. Refused (undefined) while an attempt is in flight, so
   * a redeliver can never run beside a send.
   */
  async redeliver(
    doc: Pick<DeliveryDoc, '_id' | 'attemptCount'>,
    now: Date,
  ): Promise<DeliveryDoc | undefined> {
    const changes = {
      status: 'pending' as const,
      nextAttemptAt: null,
      cycleStart: doc.attemptCount,
      updatedAt: now,
    };
    const before = await this.c.deliveries.findOneAndUpdate(
      {
        _id: doc._id,
        attemptCount: doc.attemptCount,
        $or: [{ inFlight: null }, { 'inFlight.until': { $lt: now } }],
      },
      { $set: { ...changes, inFlight: null } },
    );
    return before ? { ...before, ...changes, inFlight: null } : undefined;
  }

  /**
   * Failed and paused reply and event deliveries of a window, oldest first (tests are one-off
   * checks, not recovered). A management query: it scans on the embedded store, which ignores
   * the (connectionId, createdAt) index; a real MongoDB uses it.
   */
  recoverable(
    window: RecoverWindow,
  ): Promise<Pick<DeliveryDoc, '_id' | 'attemptCount' | 'subscriptionId'>[]> {
    return this.c.deliveries
      .find(recoverableFilter(window), {
        projection: { _id: 1, attemptCount: 1, subscriptionId: 1 },
      })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
  }

  countRecoverable(window: RecoverWindow): Promise<number> {
    return this.c.deliveries.countDocuments(recoverableFilter(window));
  }

  /**
   * What a paused subscription holds: its `paused` deliveries, oldest first. A scan on the
   * embedded store, made when a subscription is resumed or removed, never per message.
   */
  held(subscriptionId: string): Promise<Pick<DeliveryDoc, '_id' | 'attemptCount'>[]> {
    return this.c.deliveries
      .find({ subscriptionId, status: 'paused' }, { projection: { _id: 1, attemptCount: 1 } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
  }

  countHeld(subscriptionId: string): Promise<number> {
    return this.c.deliveries.countDocuments({ subscriptionId, status: 'paused' });
  }

  /** Up to `limit` finished deliveries (with their attempts) created before `cutoff` removed. */
  removeFinishedBefore(cutoff: Date, limit: number): Promise<number> {
    return removeBatch(
      this.c.deliveries,
      { createdAt: { $lt: cutoff }, status: { $in: ['delivered', 'failed', 'paused'] } },
      limit,
    );
  }
}
