import type { EventTarget } from '../payloads/events.js';

/** How one delivery target has fared: over the last 24 h, and since its last success. */
export interface TargetHealth {
  target: EventTarget;
  /** `paused`: no attempts until resumed; `failing`: the latest delivery failed. */
  state: 'healthy' | 'failing' | 'paused' | 'unused';
  last24h: {
    attempts: number;
    succeeded: number;
    /** succeeded / attempts, 0–1; null with no attempts. */
    successRate: number | null;
    /** Attempt durations in ms; null with no attempts. */
    p50Ms: number | null;
    p99Ms: number | null;
  };
  /** Failed deliveries in a row since the last success. */
  consecutiveFailures: number;
  /** ISO 8601: the first failure after the last success; absent when the last one succeeded. */
  failingSince?: string;
  lastError?: { message: string; at: string };
  lastSuccessAt?: string;
  /** Set while paused. */
  paused?: { at: string; reason: string };
}

/** `POST /api/connections/:id/recover`: failed and paused deliveries in the window, again. */
export interface RecoverRequest {
  /** ISO 8601, inclusive: deliveries created at or after this. */
  since: string;
  /** ISO 8601, exclusive; default now. */
  until?: string;
  /** `webhook`, or a subscription id; default every target of the connection. */
  target?: string;
}

/** `GET /api/connections/:id/recover`: what a recover of that window would queue now, and how fast. */
export interface RecoverCount {
  count: number;
  ratePerSecond: number;
}

/**
 * The answer: `queued` deliveries were re-queued, oldest first, at most `ratePerSecond` a
 * second. The same window again answers the first count with `repeated: true`, queuing none.
 */
export interface RecoverResult {
  id: string;
  queued: number;
  ratePerSecond: number;
  repeated: boolean;
}
