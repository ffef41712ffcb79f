import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { RelayDeps } from '../deps.js';
import type { AttemptResult } from './delivery-service.js';
import type { RetryScheduler } from './retry-scheduler.js';

const JOBS_COLLECTION = 'agendaJobs';
const DELIVER = 'deliver';
const RETENTION = 'retention';
/** Beyond the delivery timeout, for the store writes around one attempt. */
const LOCK_MARGIN_MS = 5_000;

export interface JobHandlers {
  attempt(deliveryId: string, attempt: number): Promise<AttemptResult>;
  retention(): Promise<unknown>;
}

export interface Jobs {
  scheduler: RetryScheduler;
  start(handlers: JobHandlers): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The only place that knows Agenda: durable timers for delivery attempts and the hourly
 * retention purge. Jobs due while the relay
 * was down run as soon as it is back; finished jobs are removed, so Agenda's own queries
 * read only what is still to come.
 */
export function createAgendaJobs(deps: Pick<RelayDeps, 'store' | 'settings' | 'logger'>): Jobs {
  const agenda = new Agenda({
    // Job locks carry this name, so a restart of the same installation can take them back.
    name: deps.settings.instanceId,
    backend: new MongoBackend({ mongo: deps.store.jobsDatabase, collection: JOBS_COLLECTION }),
    processEvery: 1_000,
    maxConcurrency: 50,
    defaultConcurrency: 20,
    // A job is one attempt or one sweep; a dead instance's locks free up soon after.
    defaultLockLifetime: deps.settings.deliveryTimeoutMs + LOCK_MARGIN_MS,
  });
  agenda.on('error', (error) => {
    deps.logger.error({ err: error }, 'job scheduler error');
  });
  const scheduler: RetryScheduler = {
    async schedule({ deliveryId, attempt, at }) {
      await agenda.schedule(at, DELIVER, { deliveryId, attempt });
    },
  };
  return {
    scheduler,
    async start(handlers) {
      agenda.define<{ deliveryId: string; attempt: number }>(
        DELIVER,
        async (job) => {
          const { deliveryId, attempt } = job.attrs.data;
          const result = await handlers.attempt(deliveryId, attempt);
          // Another process is making this attempt: come back when its claim runs out.
          if (result.state === 'busy')
            await scheduler.schedule({ deliveryId, attempt, at: result.until });
        },
        { removeOnComplete: true },
      );
      agenda.define(RETENTION, () => handlers.retention().then(() => undefined));
      // Agenda creates its index on the jobs collection as it is constructed; the embedded
      // store can fail a write that races the index creation on a new collection ("Unknown
      // error: null"), so the unlock below waits for it. start() waits for it anyway.
      await agenda.ready;
      // Agenda locks jobs up to processEvery before they are due: without this, retries the
      // previous incarnation had locked when it died would wait out the lock lifetime.
      await deps.store.jobsDatabase
        .collection(JOBS_COLLECTION)
        .updateMany(
          { lastModifiedBy: deps.settings.instanceId, lockedAt: { $ne: null } },
          { $set: { lockedAt: null } },
        );
      await agenda.start();
      await agenda.every('1 hour', RETENTION);
    },
    stop: () => agenda.stop(),
  };
}
