import { nextRetry, parseRetryAfter, type DeliveryAttempt } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { ClaimedDelivery, Delivery, DeliveryClaim } from '../model/delivery.js';
import { deliveryHeaders } from './delivery-headers.js';
import type { SendOutcome } from '../transport/http-sender.js';
import type { RetryScheduler } from '../jobs/jobs.js';
import type { ClaimResult } from '../store/deliveries.js';
import type { AttemptObserver } from '../events/attempt-recorded.js';
import { loadTarget, SecretUnavailableError } from './signing-secrets.js';

/** Beyond the delivery timeout, for the store writes around one attempt. */
const CLAIM_MARGIN_MS = 30_000;
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
    private readonly observer: AttemptObserver,
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

  /** Attempt `attempt` of a delivery, if it is still due and nobody else is making it. */
  async attempt(deliveryId: string, attempt: number): Promise<AttemptResult> {
    const claimed = await this.deps.store.deliveries.claim(
      deliveryId,
      this.claimFor(attempt),
      this.deps.clock.now(),
    );
    if (claimed.state !== 'claimed') return claimed;
    return { state: 'done', delivery: await this.send(claimed.delivery) };
  }

  /** Sends a delivery this process holds the claim of; answers its state afterwards. */
  send(delivery: ClaimedDelivery): Promise<Delivery> {
    return this.track(this.sendClaimed(delivery));
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

  private async sendClaimed(delivery: ClaimedDelivery): Promise<Delivery> {
    const { clock, settings } = this.deps;
    let outcome: SendOutcome;
    let final = false;
    let sent = true;
    try {
      const target = await loadTarget(this.deps, delivery);
      if (!target) {
        outcome = { status: null, durationMs: 0, error: 'the target was deleted' };
        final = true;
        sent = false;
      } else if (target.paused && delivery.kind !== 'test') {
        return await this.park(delivery);
      } else {
        outcome = await this.deps.send({
          url: delivery.targetUrl,
          headers: deliveryHeaders({
            target,
            delivery,
            retryScheduleMs: settings.retryScheduleMs,
            deliveryUrl: this.deliveryUrl(delivery.id),
            now: clock.now(),
          }),
          body: delivery.body,
          timeoutMs: settings.deliveryTimeoutMs,
        });
      }
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) throw error;
      this.deps.logger.error({ deliveryId: delivery.id }, error.message);
      outcome = { status: null, durationMs: 0, error: error.message };
      final = true;
    }
    const recorded = await this.record(delivery, outcome, final);
    const last = recorded.attempts.at(-1) as DeliveryAttempt;
    this.observer.attempted({
      delivery,
      attempt: last,
      ok: recorded.status === 'delivered',
      gaveUp: recorded.status === 'failed',
      sent,
      gone: outcome.status === HTTP_GONE && delivery.kind !== 'test',
    });
    return recorded;
  }

  /** The target is paused: the attempt is not made, the delivery waits for a recover. */
  private async park(delivery: ClaimedDelivery): Promise<Delivery> {
    const now = this.deps.clock.now();
    this.deps.metrics.deliveries.inc({ outcome: 'paused' });
    await this.deps.store.deliveries.park(delivery, now);
    return { ...delivery, status: 'paused', nextAttemptAt: null, inFlight: null, updatedAt: now };
  }

  private async record(
    delivery: ClaimedDelivery,
    outcome: SendOutcome,
    final: boolean,
  ): Promise<Delivery> {
    const now = this.deps.clock.now();
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const attempt: DeliveryAttempt = {
      at: now.toISOString(),
      status: outcome.status,
      durationMs: outcome.durationMs,
      ...(ok ? {} : { error: describeFailure(outcome) }),
      ...('responseSnippet' in outcome && outcome.responseSnippet
        ? { responseSnippet: outcome.responseSnippet }
        : {}),
    };
    this.deps.metrics.attemptSeconds.observe(
      { outcome: ok ? 'success' : 'failure' },
      outcome.durationMs / 1000,
    );
    if (ok) return this.finish(delivery, attempt, 'delivered', null);
    // Tests are one-off checks; event deliveries retry like replies.
    if (final || delivery.kind === 'test') return this.finish(delivery, attempt, 'failed', null);

    const decision = nextRetry({
      attempt: delivery.attemptCount + 1 - delivery.cycleStart,
      status: outcome.status,
      retryAfterMs: 'retryAfter' in outcome ? parseRetryAfter(outcome.retryAfter, now) : undefined,
      schedule: this.deps.settings.retryScheduleMs,
    });
    // Out of retries, or 410 Gone (whose subscription an observer removes).
    if (!decision.retry) return this.finish(delivery, attempt, 'failed', null);
    const at = new Date(now.getTime() + decision.delayMs);
    // The timer first: if this process dies before the record, the job still comes.
    await this.scheduler.schedule({
      deliveryId: delivery.id,
      attempt: delivery.attemptCount + 1,
      at,
    });
    return this.finish(delivery, attempt, 'retrying', at);
  }

  private async finish(
    delivery: ClaimedDelivery,
    attempt: DeliveryAttempt,
    status: Delivery['status'],
    nextAttemptAt: Date | null,
  ): Promise<Delivery> {
    const now = this.deps.clock.now();
    this.deps.metrics.deliveries.inc({ outcome: status });
    await this.deps.store.deliveries.record(delivery, { attempt, status, nextAttemptAt }, now);
    return {
      ...delivery,
      status,
      nextAttemptAt,
      attempts: [...delivery.attempts, attempt],
      attemptCount: delivery.attemptCount + 1,
      inFlight: null,
      updatedAt: now,
    };
  }
}

function describeFailure(outcome: SendOutcome): string {
  if (outcome.status === null) return outcome.error;
  if (outcome.status >= 300 && outcome.status < 400)
    return `HTTP ${String(outcome.status)} (redirects are not followed)`;
  return `HTTP ${String(outcome.status)}`;
}
