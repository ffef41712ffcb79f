/** Durable timers for delivery attempts: a scheduled attempt survives a restart of the relay. */
export interface RetryScheduler {
  /** Attempt number `attempt` (0-based) of the delivery at `at`. */
  schedule(input: { deliveryId: string; attempt: number; at: Date }): Promise<void>;
}
