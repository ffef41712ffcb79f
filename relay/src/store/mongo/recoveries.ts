import type { Recovery } from '../../model/recovery.js';
import { AlreadyExists } from '../errors.js';
import type { RecoveryRepository, RecoveryStart } from '../recoveries.js';
import { insertNew, type Collections } from './database.js';
import { found, fromDoc, toDoc } from './mapping.js';

/** The insert of a window's _id decides which start is the first. */
export class MongoRecoveryRepository implements RecoveryRepository {
  constructor(private readonly c: Pick<Collections, 'recoveries'>) {}

  async get(id: string): Promise<Recovery | undefined> {
    return found(await this.c.recoveries.findOne({ _id: id }), fromDoc);
  }

  async start(recovery: Recovery): Promise<RecoveryStart> {
    try {
      await insertNew(this.c.recoveries, toDoc(recovery));
      return { state: 'started' };
    } catch (error) {
      if (!(error instanceof AlreadyExists)) throw error;
    }
    const first = await this.get(recovery.id);
    if (!first) throw new Error(`recovery ${recovery.id} was removed while it was repeated`);
    return { state: 'repeated', first };
  }
}
