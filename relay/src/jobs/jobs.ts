import type { ClaimResult } from '../store/deliveries.js';

/** How a job's attempt went: another process making it (busy) means coming back later. */
export type AttemptRun = { state: 'done' } | Exclude<ClaimResult, { state: 'claimed' }>;

/** Durable timers for delivery attempts: a scheduled attempt survives a restart of the relay. */
export interface RetryScheduler {
  /** Attempt number `attempt` (0-based) of the delivery at `at`. */
  schedule(input: { deliveryId: string; attempt: number; at: Date }): Promise<void>;
}

/** What the jobs run: a delivery attempt, and the hourly retention. */
export interface JobHandlers {
  attempt(deliveryId: string, attempt: number): Promise<AttemptRun>;
  retention(): Promise<unknown>;
}

/** The durable scheduler: its timers, started with the handlers they run. */
export interface Jobs {
  scheduler: RetryScheduler;
  start(handlers: JobHandlers): Promise<void>;
  stop(): Promise<void>;
}
