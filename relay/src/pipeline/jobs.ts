import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { RelayDeps } from '../app/deps.js';
import type { ConversationWorker } from './conversation-worker.js';
import type { DeliveryService } from './delivery-service.js';
import { recoverStuckWork } from './recovery.js';

const DELIVER = 'deliver';
const RECOVER = 'recover-stuck-work';

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
    backend: new MongoBackend({ mongo: deps.store.db, collection: 'agendaJobs' }),
    processEvery: Math.min(1_000, deps.settings.recoveryIntervalMs),
    maxConcurrency: 50,
    defaultConcurrency: 20,
    defaultLockLifetime: deps.settings.deliveryTimeoutMs + 60_000,
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
  await agenda.start();
  await agenda.every(`${Math.ceil(deps.settings.recoveryIntervalMs / 1000)} seconds`, RECOVER);
  return { stop: () => agenda.stop() };
}
