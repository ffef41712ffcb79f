import type { IdempotencyRecord, StoredResponse } from '../model/idempotency.js';

export type Reservation = { state: 'reserved' } | { state: 'exists'; first: IdempotencyRecord };

/** Idempotency keys: the first request's answer, kept until the key expires. */
export interface IdempotencyRepository {
  /**
   * Reserves the key for a first request (of reservers at once, one). A stale key (see
   * `isStale`) is cleared and reserved anew.
   */
  reserve(record: IdempotencyRecord, abandonedBefore: Date): Promise<Reservation>;
  complete(id: string, response: StoredResponse): Promise<void>;
  forget(id: string): Promise<void>;
  /** Up to `limit` expired keys removed; the count tells whether more may remain. */
  removeExpired(now: Date, limit: number): Promise<number>;
}
