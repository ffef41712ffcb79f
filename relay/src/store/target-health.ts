import type { HealthDelta, HealthFigures, PauseRule } from '../model/target-health.js';

/**
 * Per-target attempt figures. Every delta adds to what is stored (counters by increments, the
 * earliest failure and the latest success kept), so relays sharing a store add up exactly.
 */
export interface TargetHealthRepository {
  /** Every delta at once: a flush costs one store command. */
  apply(deltas: readonly HealthDelta[]): Promise<void>;
  /** Of `keys`, the targets whose figures reached the rule. */
  reached(keys: readonly string[], rule: PauseRule, now: Date): Promise<HealthFigures[]>;
  forKeys(keys: readonly string[]): Promise<HealthFigures[]>;
  /** A resumed target starts counting failures afresh. */
  restart(key: string): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}
