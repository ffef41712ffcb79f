import type { RelayDeps } from '../deps.js';
import {
  HOUR_MS,
  latencyBucket,
  type HealthDelta,
  type HealthFigures,
} from '../model/target-health.js';
import type { AttemptRecorded } from '../events/attempt-recorded.js';
import { targetKeyOf } from '../targets/targets.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'metrics' | 'settings'>;

interface Outcome {
  ok: boolean;
  at: Date;
  durationMs: number;
  error: string | undefined;
  gaveUp: boolean;
}

interface Pending {
  connectionId: string;
  subscriptionId: string | null;
  outcomes: Outcome[];
}

/** Bounds memory while the store is away: older outcomes beyond it are dropped from figures. */
const MAX_HELD = 100_000;

/**
 * Attempt figures per target, gathered in memory and written every `healthFlushMs` as one
 * bulk write of `$inc`s: the message path pays no store command for them, and relays sharing
 * a store add up exactly. After a write, targets that failed are checked against the pause
 * rule (one read by target key, only when something failed) and handed to `reached`.
 */
export class HealthRecorder {
  private pending = new Map<string, Pending>();
  private held = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly reached: (figures: HealthFigures[]) => Promise<void>,
  ) {}

  attemptRecorded(recorded: AttemptRecorded): void {
    const { delivery, attempt, ok, gaveUp } = recorded;
    // A callback is not a target of the connection: it has no health and is never paused.
    if (!recorded.sent || delivery.kind === 'callback') return;
    this.deps.metrics.targetAttempts.inc({
      connection: delivery.connectionId,
      outcome: ok ? 'success' : 'failure',
    });
    if (this.held >= MAX_HELD) return;
    const key = targetKeyOf(delivery);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = {
        connectionId: delivery.connectionId,
        subscriptionId: delivery.subscriptionId,
        outcomes: [],
      };
      this.pending.set(key, entry);
    }
    entry.outcomes.push({
      ok,
      at: new Date(attempt.at),
      durationMs: attempt.durationMs,
      error: attempt.error,
      gaveUp,
    });
    this.held += 1;
  }

  start(): void {
    this.timer = setInterval(() => {
      void this.flush();
    }, this.deps.settings.healthFlushMs);
    this.timer.unref();
  }

  /** Writes what was gathered; one flush at a time (a call during one waits for it, then runs). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    this.flushing = this.write().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    const taken = this.pending;
    this.pending = new Map();
    this.held = 0;
    const deltas = [...taken].map(([key, entry]) => deltaOf(key, entry));
    try {
      await this.deps.store.targetHealth.apply(deltas);
    } catch (error) {
      // Not written (or unknown): kept for the next round, older outcomes first.
      for (const [key, entry] of taken) {
        const later = this.pending.get(key);
        this.pending.set(
          key,
          later ? { ...entry, outcomes: [...entry.outcomes, ...later.outcomes] } : entry,
        );
        this.held += entry.outcomes.length;
      }
      this.deps.logger.warn(
        { err: error },
        'health figures not written; the next round tries again',
      );
      return;
    }
    const failing = deltas.filter(endsFailing).map((delta) => delta.key);
    if (failing.length === 0) return;
    try {
      const now = this.deps.clock.now();
      await this.reached(
        await this.deps.store.targetHealth.reached(failing, this.deps.settings.disableAfter, now),
      );
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'pause check failed; the next failure checks again');
    }
  }
}

/** One target's outcomes, in the order they were recorded, as the store update they add up to. */
export function deltaOf(key: string, entry: Pending): HealthDelta {
  const hours = new Map<number, HealthDelta['hours'][number]>();
  const delta: HealthDelta = {
    key,
    connectionId: entry.connectionId,
    subscriptionId: entry.subscriptionId,
    hours: [],
    failures: 0,
    success: null,
    firstFailureAt: null,
    lastError: null,
  };
  for (const outcome of entry.outcomes) {
    const hour = Math.floor(outcome.at.getTime() / HOUR_MS);
    let slot = hours.get(hour);
    if (!slot) {
      slot = { hour, attempts: 0, succeeded: 0, latency: new Map() };
      hours.set(hour, slot);
    }
    slot.attempts += 1;
    if (outcome.ok) slot.succeeded += 1;
    const bucket = latencyBucket(outcome.durationMs);
    slot.latency.set(bucket, (slot.latency.get(bucket) ?? 0) + 1);
    if (outcome.ok) {
      delta.success = { at: outcome.at, failingSince: null };
      delta.failures = 0;
      delta.firstFailureAt = null;
      continue;
    }
    delta.lastError = { message: outcome.error ?? 'failed', at: outcome.at };
    if (delta.success) delta.success.failingSince ??= outcome.at;
    else delta.firstFailureAt ??= outcome.at;
    if (outcome.gaveUp) delta.failures += 1;
  }
  delta.hours = [...hours.values()];
  return delta;
}

/** Whether the latest outcome of the batch is a failure. */
function endsFailing(delta: HealthDelta): boolean {
  return delta.success ? delta.success.failingSince !== null : delta.lastError !== null;
}
