import type { IdempotencyDoc } from './documents.js';
import { isDuplicateKey, removeBatch, type Collections } from './mongo.js';

export type Reservation = { state: 'reserved' } | { state: 'exists'; first: IdempotencyDoc };

/** Idempotency keys: the first request's answer, kept until the key expires. */
export class IdempotencyRepository {
  constructor(private readonly c: Pick<Collections, 'idempotency'>) {}

  /**
   * Reserves the key for a first request. An expired key, or a first request that never
   * finished (its process died) before `abandonedBefore`, is cleared and reserved anew.
   */
  async reserve(doc: IdempotencyDoc, abandonedBefore: Date): Promise<Reservation> {
    for (let tries = 0; ; tries++) {
      try {
        await this.c.idempotency.insertOne(doc);
        return { state: 'reserved' };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const first = await this.c.idempotency.findOne({ _id: doc._id });
      const stale =
        first &&
        (first.expiresAt <= doc.createdAt ||
          (first.response === null && first.createdAt < abandonedBefore));
      if (first && (!stale || tries > 0)) return { state: 'exists', first };
      if (tries > 2) throw new Error('idempotency key kept changing while it was reserved');
      if (first) await this.c.idempotency.deleteOne({ _id: doc._id, createdAt: first.createdAt });
    }
  }

  async complete(id: string, response: NonNullable<IdempotencyDoc['response']>): Promise<void> {
    await this.c.idempotency.updateOne({ _id: id }, { $set: { response } });
  }

  async forget(id: string): Promise<void> {
    await this.c.idempotency.deleteOne({ _id: id });
  }

  /** Up to `limit` expired keys removed; the count tells whether more may remain. */
  removeExpired(now: Date, limit: number): Promise<number> {
    return removeBatch(this.c.idempotency, { expiresAt: { $lte: now } }, limit);
  }
}
