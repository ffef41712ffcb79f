import type { Recovery } from '../../model/recovery.js';
import type { RecoveryRepository, RecoveryStart } from '../recoveries.js';
import { answer, Table } from './table.js';

export class MemoryRecoveryRepository implements RecoveryRepository {
  private readonly recoveries = new Table<Recovery>('recoveries');

  get(id: string): Promise<Recovery | undefined> {
    return answer(() => this.recoveries.get(id));
  }

  start(recovery: Recovery): Promise<RecoveryStart> {
    return answer((): RecoveryStart => {
      const first = this.recoveries.get(recovery.id);
      if (first) return { state: 'repeated', first };
      this.recoveries.insert(recovery);
      return { state: 'started' };
    });
  }
}
