import type { RelayDeps } from '../deps.js';
import type { ClaimedDelivery, Delivery, DeliveryClaim } from '../model/delivery.js';
import type { RetryScheduler } from '../jobs/jobs.js';
import type { ClaimResult } from '../store/deliveries.js';
import type { RelayHub } from '../events/hub.js';
import { sendAttempt } from './send-attempt.js';
import { afterAttempt } from '../model/delivery-transitions.js';

/** Beyond the delivery timeout, for the store writes around one attempt. */
export const CLAIM_MARGIN_MS = 30_000;
const HTTP_GONE = 410;

type Deps = Pick<
  RelayDeps,
  'store' | 'secrets' | 'clock' | 'send' | 'settings' | 'logger' | 'metrics'
>;

export type AttemptResult =
  { state: 'done'; delivery: Delivery } | Exclude<ClaimResult, { state: 'claimed' }>;

/**
 * Sends deliveries, records every attempt and decides on retries. An attempt is made
 * only under a claim naming its number, so a late or repeated job can neither send twice
 * nor use up a retry.
 */
export class DeliveryService {
  private readonly running = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: Deps,
    private readonly scheduler: RetryScheduler,
    /** Where `attemptRecorded` goes. */
    private readonly hub: Pick<RelayHub, 'emit'>,
    /** The delivery in the relay's API, sent with every attempt (X-Webhook-Delivery-Url). */
    private readonly deliveryUrl: (deliveryId: string) => string,
  ) {}

  /** A claim of this process on attempt `attempt`, long enough for one send. */
  claimFor(attempt: number): DeliveryClaim {
    const { clock, settings } = this.deps;
    return {
      owner: settings.instanceId,
      until: new Date(clock.now().getTime() + settings.deliveryTimeoutMs + CLAIM_MARGIN_MS),
      attempt,
    };
  }

  /**
   * Attempt `attempt` of a delivery, if it is still due and nobody else is making it.
   * `despitePause`: sent even though its target is paused (a probe of a paused target).
   */
  async attempt(
    deliveryId: string,
    attempt: number,
    { despitePause = false }: { despitePause?: boolean } = {},
  ): Promise<AttemptResult> {
    const claimed = await this.deps.store.deliveries.claim(
      deliveryId,
      this.claimFor(attempt),
      this.deps.clock.now(),
    );
    if (claimed.state !== 'claimed') return claimed;
    return { state: 'done', delivery: await this.send(claimed.delivery, { despitePause }) };
  }

  /** Sends a delivery this process holds the claim of; answers its state afterwards. */
  send(delivery: ClaimedDelivery, options: { despitePause?: boolean } = {}): Promise<Delivery> {
    return this.track(this.sendClaimed(delivery, options.despitePause ?? false));
  }

  /** Starts an attempt without waiting; errors are logged, a sweep or job tries again. */
  kick(deliveryId: string, attempt: number): void {
    void this.track(this.attempt(deliveryId, attempt)).catch((error: unknown) => {
      this.deps.logger.error({ err: error, deliveryId }, 'delivery attempt crashed');
    });
  }

  /**
   * `kick` at `at`, in this process. Agenda's timers run sub-second jobs bunched and up to its
   * poll interval late, so paced work keeps its durable job and is also kicked on time here
   * (the claim lets only one of the two send). Shutdown drops these: the jobs remain.
   */
  kickAt(deliveryId: string, attempt: number, at: Date): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.kick(deliveryId, attempt);
      },
      Math.max(0, at.getTime() - this.deps.clock.now().getTime()),
    );
    timer.unref();
    this.timers.add(timer);
  }

  async drain(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  private async sendClaimed(delivery: ClaimedDelivery, despitePause: boolean): Promise<Delivery> {
    const { metrics, settings } = this.deps;
    const { outcome, targetGone } = await sendAttempt(this.deps, delivery, {
      deliveryUrl: this.deliveryUrl(delivery.id),
      despitePause,
    });
    const next = afterAttempt(delivery, outcome, settings);
    metrics.deliveries.inc({ outcome: next.status });
    if (outcome.kind === 'paused') {
      await this.deps.store.deliveries.record(delivery, next);
      return next;
    }
    const { attempt } = outcome;
    metrics.attemptSeconds.observe(
      { outcome: next.status === 'delivered' ? 'success' : 'failure' },
      attempt.durationMs / 1000,
    );
    if (next.nextAttemptAt) {
      // The timer first: if this process dies before the record, the job still comes.
      await this.scheduler.schedule({
        deliveryId: delivery.id,
        attempt: next.attemptCount,
        at: next.nextAttemptAt,
      });
    }
    await this.deps.store.deliveries.record(delivery, next);
    this.hub.emit('attemptRecorded', {
      delivery,
      attempt,
      ok: next.status === 'delivered',
      gaveUp: next.status === 'failed',
      sent: !targetGone,
      gone: attempt.status === HTTP_GONE && delivery.kind !== 'test',
    });
    return next;
  }
}
