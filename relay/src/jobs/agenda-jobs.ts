import { Agenda, type AgendaBackend } from 'agenda';
import type { RelayDeps, RelaySettings } from '../deps.js';
import type { Jobs, RetryScheduler } from './jobs.js';

const DELIVER = 'deliver';
const RETENTION = 'retention';
/** Beyond the delivery timeout, for the store writes around one attempt. */
const LOCK_MARGIN_MS = 5_000;

/**
 * The only place that knows Agenda: durable timers for delivery attempts and the hourly
 * retention purge, on the backend main.ts gives it (MongoDB's, on the store's database).
 * Jobs due while the relay was down run as soon as it is back; finished jobs are removed, so
 * Agenda's own queries read only what is still to come.
 */
export function createAgendaJobs(
  deps: Pick<RelayDeps, 'logger'> & {
    settings: Pick<RelaySettings, 'instanceId' | 'deliveryTimeoutMs'>;
  },
  backend: AgendaBackend,
): Jobs {
  const instance = deps.settings.instanceId;
  const agenda = new Agenda({
    // Job locks carry this name, so a restart of the same installation can take them back.
    name: instance,
    backend,
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
      await unlockOwnJobs(agenda, instance);
      await agenda.start();
      await agenda.every('1 hour', RETENTION);
    },
    stop: () => agenda.stop(),
  };
}

/**
 * Agenda locks jobs up to processEvery before they are due: without this, retries the previous
 * incarnation had locked when it died would wait out the lock lifetime. Through Agenda's own
 * API: its query of locked ("running") jobs, and its repository's unlock, which stop() uses.
 */
async function unlockOwnJobs(agenda: Agenda, instance: string): Promise<void> {
  const { jobs } = await agenda.queryJobs({ state: 'running' });
  const own = jobs.filter((job) => job.lastModifiedBy === instance).map((job) => job._id);
  if (own.length > 0) await agenda.db.unlockJobs(own);
}
