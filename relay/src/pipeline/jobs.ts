import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { RelayDeps } from '../app/deps.js';
import type { ConversationWorker } from './conversation-worker.js';
import type { DeliveryService } from './delivery-service.js';
import { recoverStuckWork } from './recovery.js';

const JOBS_COLLECTION = 'agendaJobs';
const DELIVER = 'deliver';
const RECOVER = 'recover-stuck-work';
/** Beyond the delivery timeout, for the store writes around one attempt. */
const LOCK_MARGIN_MS = 5_000;

/**
 * Durable timers on Agenda: each delivery retry is a job at its due time, and a
 * recurring sweep re-queues work whose process died. Jobs due while the relay was
 * down run as soon as it is back.
 */
export async function startJobs(
  deps: RelayDeps,
  parts: { worker: ConversationWorker; deliveries: DeliveryService },
): Promise<{ stop(): Promise<void> }> {
  const agenda = new Agenda({
    // Job locks carry this name, so a restart of the same installation can take them back.
    name: deps.settings.instanceId,
    backend: new MongoBackend({ mongo: deps.store.db, collection: JOBS_COLLECTION }),
    processEvery: Math.min(1_000, deps.settings.recoveryIntervalMs),
    maxConcurrency: 50,
    defaultConcurrency: 20,
    // A job is one attempt or one sweep; a dead instance's locks free up soon after.
    defaultLockLifetime: deps.settings.deliveryTimeoutMs + LOCK_MARGIN_MS,
  });
  agenda.define<{ deliveryId: string }>(DELIVER, async (job) => {
    await parts.deliveries.attempt(job.attrs.data.deliveryId);
  });
  agenda.define(RECOVER, async () => {
    await recoverStuckWork(deps, parts);
  });
  agenda.on('error', (error) => deps.logger.error({ err: error }, 'job scheduler error'));

  parts.deliveries.attachScheduler(async (deliveryId, at) => {
    await agenda.schedule(at, DELIVER, { deliveryId });
  });
  // Agenda locks jobs up to processEvery before they are due: without this, retries the
  // previous incarnation had locked when it died would wait out the lock lifetime.
  await deps.store.db
    .collection(JOBS_COLLECTION)
    .updateMany(
      { lastModifiedBy: deps.settings.instanceId, lockedAt: { $ne: null } },
      { $set: { lockedAt: null } },
    );
  await agenda.start();
  await agenda.every(`${Math.ceil(deps.settings.recoveryIntervalMs / 1000)} seconds`, RECOVER);
  return { stop: () => agenda.stop() };
}
