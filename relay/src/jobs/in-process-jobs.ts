import type { RelayDeps } from '../deps.js';
import type { JobHandlers, Jobs, RetryScheduler } from './jobs.js';

const HOUR_MS = 3_600_000;
/** Attempts run at once, as Agenda's adapter allows per job name; the others wait their turn. */
const CONCURRENCY = 20;

/** A scheduled attempt: attempt number `attempt` of the delivery, due at `at`. */
export interface ScheduledAttempt {
  deliveryId: string;
  attempt: number;
  at: Date;
}

export interface InProcessJobs extends Jobs {
  /** The attempts scheduled and not done yet, in the order they were scheduled. */
  pending(): ScheduledAttempt[];
}

/**
 * The Jobs of a relay on the memory store: the port Agenda's adapter (agenda-jobs.ts)
 * implements, with timers in this process whose delays are reckoned on the injected clock.
 * Like the memory store, nothing outlives the process: a retry scheduled here is gone with it.
 * At most CONCURRENCY attempts run at once; an attempt whose delivery another process is making
 * (busy) comes back when that claim runs out; a failed job is logged. The retention runs at
 * start, then every hour. stop() drops what is scheduled and waits for what runs.
 */
export function createInProcessJobs(deps: Pick<RelayDeps, 'clock' | 'logger'>): InProcessJobs {
  let handlers: JobHandlers | undefined;
  let stopped = false;
  const scheduled = new Set<ScheduledAttempt>();
  const due: ScheduledAttempt[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let attempting = 0;

  const after = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };
  const failed = (context: object) => (error: unknown) => {
    deps.logger.error({ err: error, ...context }, 'job failed');
  };

  /** Its timer: due at its time, on the injected clock. */
  const arm = (job: ScheduledAttempt) => {
    after(Math.max(0, job.at.getTime() - deps.clock.now().getTime()), () => {
      due.push(job);
      runDue();
    });
  };

  const runDue = () => {
    for (let job = due.shift(); job; job = due.shift()) {
      if (!handlers || stopped || attempting >= CONCURRENCY) {
        due.unshift(job);
        return;
      }
      const done = job;
      attempting += 1;
      track(
        attempt(handlers, done).finally(() => {
          attempting -= 1;
          scheduled.delete(done);
          runDue();
        }),
      );
    }
  };

  const attempt = async (run: JobHandlers, job: ScheduledAttempt) => {
    const { deliveryId } = job;
    try {
      const result = await run.attempt(deliveryId, job.attempt);
      // Another process is making this attempt: come back when its claim runs out.
      if (result.state === 'busy') await scheduler.schedule({ ...job, at: result.until });
    } catch (error) {
      failed({ deliveryId })(error);
    }
  };

  const retention = (run: JobHandlers) => {
    track(run.retention().then(() => undefined, failed({ job: 'retention' })));
    after(HOUR_MS, () => {
      retention(run);
    });
  };

  const scheduler: RetryScheduler = {
    schedule(input) {
      if (stopped) return Promise.resolve();
      const job = { ...input };
      scheduled.add(job);
      // Before start, the timers wait for the handlers.
      if (handlers) arm(job);
      return Promise.resolve();
    },
  };

  return {
    scheduler,
    start(given) {
      handlers = given;
      for (const job of scheduled) arm(job);
      retention(given);
      return Promise.resolve();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
    pending: () => [...scheduled],
  };
}
