import { isStale, type IdempotencyRecord, type StoredResponse } from '../../model/idempotency.js';
import type { IdempotencyRepository, Reservation } from '../idempotency.js';
import { answer, Table } from './table.js';

export class MemoryIdempotencyRepository implements IdempotencyRepository {
  private readonly keys = new Table<IdempotencyRecord>('idempotency');

  reserve(record: IdempotencyRecord, abandonedBefore: Date): Promise<Reservation> {
    return answer((): Reservation => {
      const first = this.keys.get(record.id);
      if (first && !isStale(first, record, abandonedBefore)) return { state: 'exists', first };
      this.keys.delete(record.id);
      this.keys.insert(record);
      return { state: 'reserved' };
    });
  }

  complete(id: string, response: StoredResponse): Promise<void> {
    return answer(() => {
      this.keys.update(
        id,
        () => true,
        (key) => ({ ...key, response }),
      );
    });
  }

  forget(id: string): Promise<void> {
    return answer(() => {
      this.keys.delete(id);
    });
  }

  removeExpired(now: Date, limit: number): Promise<number> {
    return answer(() => this.keys.deleteWhere((key) => key.expiresAt <= now, limit));
  }
}
