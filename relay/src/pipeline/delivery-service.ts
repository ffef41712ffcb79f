import { nextRetry, parseRetryAfter, type DeliveryAttempt } from '@fourthchat/shared';
import type { RelayDeps } from '../app/deps.js';
import type { DeliveryDoc } from '../store/documents.js';
import { deliveryHeaders } from './delivery-headers.js';
import type { SendOutcome } from './http-sender.js';
import { loadTarget } from './signing-secrets.js';

export type ScheduleRetry = (deliveryId: string, at: Date) => Promise<void>;

type Deps = Pick<
  RelayDeps,
  'store' | 'secrets' | 'clock' | 'send' | 'settings' | 'logger' | 'metrics'
>;

/** Sends deliveries, records every attempt, and decides on retries. */
export class DeliveryService {
  private scheduleRetry: ScheduleRetry = async () => {
    throw new Error('retry scheduler not attached');
  };
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: Deps) {}

  attachScheduler(schedule: ScheduleRetry): void {
    this.scheduleRetry = schedule;
  }

  /** Starts an attempt without waiting for it; errors are logged, the recovery sweep retries. */
  kick(deliveryId: string): void {
    const running = this.attempt(deliveryId).catch((error: unknown) =>
      this.deps.logger.error({ err: error, deliveryId }, 'delivery attempt crashed'),
    );
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** One attempt, if nobody else is making one. Returns the updated delivery. */
  async attempt(deliveryId: string): Promise<DeliveryDoc | undefined> {
    const { store, clock, settings } = this.deps;
    const now = clock.now();
    const claimed = await store.deliveries.findOneAndUpdate(
      {
        _id: deliveryId,
        status: { $in: ['pending', 'retrying'] },
        $or: [{ inFlight: null }, { 'inFlight.until': { $lt: now } }],
      },
      {
        $set: {
          inFlight: {
            owner: settings.instanceId,
            until: new Date(now.getTime() + settings.deliveryTimeoutMs + 30_000),
          },
        },
      },
      { returnDocument: 'after' },
    );
    if (!claimed) return undefined;
    const target = await loadTarget(this.deps, claimed);
    if (!target) return this.finish(claimed, gone('the target was deleted', clock.now()), 'failed');

    const outcome = await this.deps.send({
      url: claimed.targetUrl,
      headers: deliveryHeaders({ target, deliveryId, body: claimed.body, now: clock.now() }),
      body: claimed.body,
      timeoutMs: settings.deliveryTimeoutMs,
    });
    return this.record(claimed, outcome);
  }

  private async record(
    delivery: DeliveryDoc,
    outcome: SendOutcome,
  ): Promise<DeliveryDoc | undefined> {
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
    if (ok) return this.finish(delivery, attempt, 'delivered');
    if (delivery.kind === 'test') return this.finish(delivery, attempt, 'failed');

    const decision = nextRetry({
      attempt: delivery.attempts.length + 1 - delivery.cycleStart,
      status: outcome.status,
      retryAfterMs: 'retryAfter' in outcome ? parseRetryAfter(outcome.retryAfter, now) : undefined,
      schedule: this.deps.settings.retryScheduleMs,
    });
    if (!decision.retry) {
      if (decision.reason === 'gone' && delivery.subscriptionId) {
        await this.deps.store.subscriptions.deleteOne({ _id: delivery.subscriptionId });
        this.deps.logger.info(
          { subscriptionId: delivery.subscriptionId },
          'subscription removed: its target answered 410 Gone',
        );
      }
      return this.finish(delivery, attempt, 'failed');
    }
    const at = new Date(now.getTime() + decision.delayMs);
    const updated = await this.finish(delivery, attempt, 'retrying', at);
    await this.scheduleRetry(delivery._id, at);
    return updated;
  }

  private async finish(
    delivery: DeliveryDoc,
    attempt: DeliveryAttempt,
    status: DeliveryDoc['status'],
    nextAttemptAt: Date | null = null,
  ): Promise<DeliveryDoc | undefined> {
    this.deps.metrics.deliveries.inc({ outcome: status });
    const updated = await this.deps.store.deliveries.findOneAndUpdate(
      { _id: delivery._id },
      {
        $push: { attempts: attempt },
        $set: { status, nextAttemptAt, inFlight: null, updatedAt: this.deps.clock.now() },
      },
      { returnDocument: 'after' },
    );
    return updated ?? undefined;
  }
}

function describeFailure(outcome: SendOutcome): string {
  if (outcome.status === null) return outcome.error;
  if (outcome.status >= 300 && outcome.status < 400)
    return `HTTP ${outcome.status} (redirects are not followed)`;
  return `HTTP ${outcome.status}`;
}

function gone(reason: string, now: Date): DeliveryAttempt {
  return { at: now.toISOString(), status: null, durationMs: 0, error: reason };
}
