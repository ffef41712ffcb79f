import type { DeliveryStatus } from '@fourthchat/shared';
import type { AnyBulkWriteOperation, Filter } from 'mongodb';
import type { ClaimedDelivery, Delivery, DeliveryClaim } from '../../model/delivery.js';
import { attemptChange } from '../../model/delivery-transitions.js';
import type { RecoverWindow } from '../../model/recovery.js';
import { Batcher, spans } from '../batching.js';
import type { ClaimResult, DeliveryRepository, Redelivery } from '../deliveries.js';
import { bulkFailures, removeBatch, type Collections } from './database.js';
import type { DeliveryDoc } from './documents.js';
import { deliveryOf, found, fromDoc, toDoc } from './mapping.js';

/** The delivery while its claim still holds it: a claim taken over meanwhile matches nothing. */
function heldBy(delivery: ClaimedDelivery): Filter<DeliveryDoc> {
  const claim = delivery.inFlight;
  return { _id: delivery.id, attemptCount: claim.attempt, 'inFlight.owner': claim.owner };
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

/** Creations and records are merged per turn of the event loop (one command each). */
export class MongoDeliveryRepository implements DeliveryRepository {
  private readonly creations: Batcher<DeliveryDoc[], Set<string> | Error>;
  private readonly records: Batcher<AnyBulkWriteOperation<DeliveryDoc>, null>;

  constructor(private readonly c: Pick<Collections, 'deliveries'>) {
    this.creations = new Batcher((batches) => this.insert(batches));
    this.records = new Batcher(async (operations) => {
      await this.c.deliveries.bulkWrite(operations, { ordered: false });
      return operations.map(() => null);
    });
  }

  async createMany(deliveries: Delivery[]): Promise<Set<string>> {
    if (deliveries.length === 0) return new Set();
    const created = await this.creations.submit(deliveries.map(toDoc));
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
    if (before) return { state: 'claimed', delivery: { ...deliveryOf(before), inFlight: claim } };
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

  async record(claimed: ClaimedDelivery, next: Delivery): Promise<void> {
    await this.records.submit({
      updateOne: { filter: heldBy(claimed), update: { $set: attemptChange(next) } },
    });
  }

  async get(id: string): Promise<Delivery | undefined> {
    return found(await this.c.deliveries.findOne({ _id: id }), deliveryOf);
  }

  async owned(id: string, workspaceId: string): Promise<Delivery | undefined> {
    return found(await this.c.deliveries.findOne({ _id: id, workspaceId }), deliveryOf);
  }

  async list(input: {
    connectionId: string;
    status?: DeliveryStatus;
    limit: number;
  }): Promise<Delivery[]> {
    const docs = await this.c.deliveries
      .find({
        connectionId: input.connectionId,
        ...(input.status ? { status: input.status } : {}),
      })
      .sort({ createdAt: -1 })
      .limit(input.limit)
      .toArray();
    return docs.map(deliveryOf);
  }

  async redeliver(delivery: Redelivery, now: Date): Promise<Delivery | undefined> {
    const changes = {
      status: 'pending' as const,
      nextAttemptAt: null,
      cycleStart: delivery.attemptCount,
      updatedAt: now,
    };
    const before = await this.c.deliveries.findOneAndUpdate(
      {
        _id: delivery.id,
        attemptCount: delivery.attemptCount,
        $or: [{ inFlight: null }, { 'inFlight.until': { $lt: now } }],
      },
      { $set: { ...changes, inFlight: null } },
    );
    return before ? { ...deliveryOf(before), ...changes, inFlight: null } : undefined;
  }

  /**
   * A management query: it scans on the embedded store, which ignores the (connectionId,
   * createdAt) index; a real MongoDB uses it.
   */
  async recoverable(
    window: RecoverWindow,
  ): Promise<Pick<Delivery, 'id' | 'attemptCount' | 'subscriptionId'>[]> {
    const docs = await this.c.deliveries
      .find(recoverableFilter(window), {
        projection: { _id: 1, attemptCount: 1, subscriptionId: 1 },
      })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map(fromDoc);
  }

  countRecoverable(window: RecoverWindow): Promise<number> {
    return this.c.deliveries.countDocuments(recoverableFilter(window));
  }

  /** A scan on the embedded store, made when a subscription is resumed or removed, never per message. */
  async held(subscriptionId: string): Promise<Redelivery[]> {
    const docs = await this.c.deliveries
      .find({ subscriptionId, status: 'paused' }, { projection: { _id: 1, attemptCount: 1 } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map(fromDoc);
  }

  countHeld(subscriptionId: string): Promise<number> {
    return this.c.deliveries.countDocuments({ subscriptionId, status: 'paused' });
  }

  async heldSubscriptionIds(): Promise<string[]> {
    const ids = await this.c.deliveries.distinct('subscriptionId', {
      status: 'paused',
      subscriptionId: { $ne: null },
    });
    return ids.filter((id): id is string => typeof id === 'string');
  }

  removeFinishedBefore(cutoff: Date, limit: number): Promise<number> {
    return removeBatch(
      this.c.deliveries,
      { createdAt: { $lt: cutoff }, status: { $in: ['delivered', 'failed', 'paused'] } },
      limit,
    );
  }
}
