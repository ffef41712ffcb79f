import { isoSeconds, type RelayEvent } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import type { AttemptRecorded } from './attempt-recorded.js';
import { deliveriesFor } from '../targets/fan-out.js';
import type { RetryScheduler } from '../jobs/jobs.js';
import { eventTargetOf, targetKeyOf } from '../targets/targets.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'ids' | 'logger' | 'metrics'>;

/**
 * How long the durable job of an event's first attempt waits: the immediate attempt normally
 * makes it first, and the job then finds its claim stale. It only sends when this process died
 * between creating the deliveries and attempting them.
 */
const FIRST_ATTEMPT_JOB_DELAY_MS = 5_000;

/** Events beyond replies, to the subscriptions that chose them: signed and retried like replies. */
export class RelayEvents {
  constructor(
    private readonly deps: Deps,
    private readonly scheduler: RetryScheduler,
    private readonly kick: (deliveryId: string, attempt: number) => void,
  ) {}

  /** A reply delivery gave up: `delivery.failed` (never for tests, nor for events: no loops). */
  attemptRecorded(recorded: AttemptRecorded): void {
    const { delivery, attempt } = recorded;
    if (!recorded.gaveUp || delivery.kind !== 'reply') return;
    void this.deps.store.connections
      .get(delivery.connectionId)
      .then((connection) => {
        if (!connection) return;
        return this.emit(connection, targetKeyOf(delivery), {
          type: 'delivery.failed',
          id: this.deps.ids.next('evt'),
          connectionId: connection.id,
          timestamp: isoSeconds(this.deps.clock.now()),
          data: {
            target: eventTargetOf({
              subscriptionId: delivery.subscriptionId,
              url: delivery.targetUrl,
            }),
            deliveryId: delivery.id,
            ...(delivery.messageId ? { messageId: delivery.messageId } : {}),
            attempts: delivery.attemptCount + 1,
            lastError: attempt.error ?? 'failed',
            lastAttemptAt: attempt.at,
          },
        });
      })
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, deliveryId: delivery.id }, 'event not created');
      });
  }

  /**
   * Creates the event's deliveries (not to `about`, the target it is about), a durable job for
   * each first attempt, and makes those attempts now; claims name the attempt, so one sends.
   */
  async emit(connection: Connection, about: string, event: RelayEvent): Promise<void> {
    const docs = await deliveriesFor(this.deps, {
      connection,
      sourceId: event.id,
      kind: 'event',
      event: event.type,
      messageId: null,
      body: JSON.stringify(event),
      claim: null,
      about,
    });
    const due = docs.filter((doc) => doc.status === 'pending');
    const at = new Date(this.deps.clock.now().getTime() + FIRST_ATTEMPT_JOB_DELAY_MS);
    // The jobs first: if this process dies once the deliveries exist, the jobs still come.
    await Promise.all(
      due.map((doc) => this.scheduler.schedule({ deliveryId: doc.id, attempt: 0, at })),
    );
    await this.deps.store.deliveries.createMany(docs);
    for (const doc of due) this.kick(doc.id, 0);
  }
}
