/** Outcome of sending the test payload to one target. */
export interface TestTargetOutcome {
  ok: boolean;
  /** The HTTP status; null when no response came. */
  status: number | null;
  durationMs: number;
  error?: string;
}

/** `POST /api/connections/:id/test`: the webhook URL's outcome, then each subscription's. */
export interface TestResult extends TestTargetOutcome {
  subscriptions: (TestTargetOutcome & { id: string })[];
}
