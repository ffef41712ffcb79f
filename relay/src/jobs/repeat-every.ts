/** A repeating timer of this process; `stop` waits for a run under way. */
export interface Repeating {
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` in this process, one run at a time: a tick that finds the last
 * run still going is skipped. A plain timer, not a job: such rounds are each process's own,
 * and must not wait on a scheduler that reads the store they look after. A failed run is
 * reported to `failed`; the next tick runs again.
 */
export function repeatEvery(
  intervalMs: number,
  work: () => Promise<unknown>,
  failed: (error: unknown) => void,
): Repeating {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .then(() => undefined, failed)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
