import type { Recovery } from '../model/recovery.js';

export type RecoveryStart = { state: 'started' } | { state: 'repeated'; first: Recovery };

/** Bulk recovers: the first start of a window's id wins, every repeat reads its answer. */
export interface RecoveryRepository {
  get(id: string): Promise<Recovery | undefined>;
  start(recovery: Recovery): Promise<RecoveryStart>;
}
