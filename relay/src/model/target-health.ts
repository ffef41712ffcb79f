/**
 * Upper bounds (ms) of the attempt-time histogram's buckets: powers of two from 1 ms, the last
 * one also taking anything slower. Percentiles are reported as the bound of their bucket, so a
 * p99 of 512 means "between 256 and 512 ms": exact enough to compare, and counts add up.
 */
export const HEALTH_LATENCY_BOUNDS_MS: readonly number[] = Array.from(
  { length: 17 },
  (_, index) => 2 ** index,
);

export function latencyBucket(durationMs: number): number {
  const index = HEALTH_LATENCY_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index < 0 ? HEALTH_LATENCY_BOUNDS_MS.length - 1 : index;
}

export const HOUR_MS = 3_600_000;
/** Hourly slots kept: the last 24 hours. */
export const HEALTH_HOURS = 24;

/** The target key of a connection's webhook URL (a subscription's is its id). */
export const webhookKey = (connectionId: string) => `${connectionId}:webhook`;

/** One hour's figures of a target, in its slot `hour % HEALTH_HOURS`. */
export interface HealthHour {
  /** Hours since the epoch: the slot is reused a day later, emptied by its first write. */
  hour: number;
  attempts: number;
  succeeded: number;
  /** Bucket index (as text) → attempts whose time fell in it (HEALTH_LATENCY_BOUNDS_MS). */
  latency: Record<string, number>;
}

/**
 * How one delivery target fares. Counters only ever grow by what each process adds, so relays
 * sharing a store never lose counts.
 */
export interface HealthFigures {
  /** The target key: `<connectionId>:webhook` or the subscription id. */
  id: string;
  connectionId: string;
  subscriptionId: string | null;
  /** Deliveries that gave up since the last successful attempt. */
  consecutiveFailures: number;
  /** The first failed attempt after the last success; null while the latest one succeeded. */
  failingSince: Date | null;
  lastError: { message: string; at: Date } | null;
  lastSuccessAt: Date | null;
  /** `h0` … `h23`: slot hour % 24 of the last 24 hours. */
  hours: Record<string, HealthHour>;
}

/** The slot of an hour in `HealthFigures.hours`. */
export const slotOf = (hour: number) => `h${String(hour % HEALTH_HOURS)}`;

/** What one process saw of one target since its last flush. */
export interface HealthDelta {
  key: string;
  connectionId: string;
  subscriptionId: string | null;
  hours: { hour: number; attempts: number; succeeded: number; latency: Map<number, number> }[];
  /** Deliveries that gave up after the last success in this batch (or in all of it). */
  failures: number;
  /** Set when an attempt succeeded in this batch: the counters start again from it. */
  success: { at: Date; failingSince: Date | null } | null;
  /** The first failed attempt of the batch, when no success came before it. */
  firstFailureAt: Date | null;
  lastError: { message: string; at: Date } | null;
}

/** When a target counts as dead: either limit, whichever it reaches first. */
export interface PauseRule {
  failures: number | null;
  ms: number | null;
}

/** Whether the figures reached the rule at `now`. */
export function reachedRule(figures: HealthFigures, rule: PauseRule, now: Date): boolean {
  if (rule.failures !== null && figures.consecutiveFailures >= rule.failures) return true;
  return (
    rule.ms !== null &&
    figures.failingSince !== null &&
    figures.failingSince.getTime() <= now.getTime() - rule.ms
  );
}
