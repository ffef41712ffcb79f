import { isStale, type IdempotencyRecord, type StoredResponse } from '../../model/idempotency.js';
import { AlreadyExists } from '../errors.js';
import type { IdempotencyRepository, Reservation } from '../idempotency.js';
import { insertNew, removeBatch, type Collections } from './database.js';
import { fromDoc, toDoc } from './mapping.js';

/** The insert of the key's _id decides which request is the first. */
export class MongoIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly c: Pick<Collections, 'idempotency'>) {}

  async reserve(record: IdempotencyRecord, abandonedBefore: Date): Promise<Reservation> {
    for (let tries = 0; ; tries++) {
      try {
        await insertNew(this.c.idempotency, toDoc(record));
        return { state: 'reserved' };
      } catch (error) {
        if (!(error instanceof AlreadyExists)) throw error;
      }
      const found = await this.c.idempotency.findOne({ _id: record.id });
      const first = found ? fromDoc(found) : undefined;
      if (first && (!isStale(first, record, abandonedBefore) || tries > 0)) {
        return { state: 'exists', first };
      }
      if (tries > 2) throw new Error('idempotency key kept changing while it was reserved');
      // Cleared only as it was read: a request that reserved it meanwhile keeps it.
      if (first) await this.c.idempotency.deleteOne({ _id: record.id, createdAt: first.createdAt });
    }
  }

  async complete(id: string, response: StoredResponse): Promise<void> {
    await this.c.idempotency.updateOne({ _id: id }, { $set: { response } });
  }

  async forget(id: string): Promise<void> {
    await this.c.idempotency.deleteOne({ _id: id });
  }

  removeExpired(now: Date, limit: number): Promise<number> {
    return removeBatch(this.c.idempotency, { expiresAt: { $lte: now } }, limit);
  }
}
