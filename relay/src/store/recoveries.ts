import type { RecoveryDoc } from './documents.js';
import { isDuplicateKey, type Collections } from './mongo.js';

export type RecoveryStart = { state: 'started' } | { state: 'repeated'; first: RecoveryDoc };

/** Bulk recovers: the first insert of a window's _id wins, every repeat reads its answer. */
export class RecoveryRepository {
  constructor(private readonly c: Pick<Collections, 'recoveries'>) {}

  async get(id: string): Promise<RecoveryDoc | undefined> {
    return (await this.c.recoveries.findOne({ _id: id })) ?? undefined;
  }

  async start(doc: RecoveryDoc): Promise<RecoveryStart> {
    try {
      await this.c.recoveries.insertOne(doc);
      return { state: 'started' };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const first = await this.get(doc._id);
    if (!first) throw new Error(`recovery ${doc._id} was removed while it was repeated`);
    return { state: 'repeated', first };
  }
}
