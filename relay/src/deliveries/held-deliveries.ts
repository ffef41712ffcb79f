import type { RelayDeps } from '../deps.js';
import { sendAgain, type SendAgainRunners } from './send-again.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>;

export interface SubscriptionKey {
  connectionId: string;
  subscriptionId: string;
}

/** The pause between two sends (a plain timer, like the delivery service's kicks). */
const wait = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Sends what a resumed subscription held: its `paused` deliveries, oldest first, one at a time
 * (the next only once the one before is answered and recorded, so a slow first answer cannot
 * let the second overtake it) and at most RELAY_RECOVER_RATE a second. What it has not reached
 * stays held in the store, which is what makes a release durable: a process that stops or dies
 * half way leaves the rest held, and the next start releases it (`releaseStranded`); the one in
 * flight has its job (`sendAgain`).
 */
export class HeldDeliveries {
  /** One release per subscription in this process: two would interleave their sends. */
  private readonly releasing = new Map<string, Promise<void>>();
  /** Asked for again while running: what was held meanwhile is released after it. */
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly deps: Deps,
    private readonly runners: SendAgainRunners,
  ) {}

  release(subscription: SubscriptionKey): void {
    const { subscriptionId } = subscription;
    if (this.stopped) return;
    if (this.releasing.has(subscriptionId)) {
      this.again.add(subscriptionId);
      return;
    }
    const work = this.releaseNow(subscription)
      .catch((error: unknown) => {
        // What was not sent stays held: the next start (or resume) releases it.
        this.deps.logger.error({ err: error, ...subscription }, 'held deliveries not released');
      })
      .finally(() => {
        this.releasing.delete(subscriptionId);
        if (this.again.delete(subscriptionId)) this.release(subscription);
      });
    this.releasing.set(subscriptionId, work);
  }

  /**
   * Releases what active subscriptions still hold: a release that a stop or a crash cut short.
   * A paused subscription's deliveries stay held.
   */
  async releaseStranded(): Promise<void> {
    const { store } = this.deps;
    for (const subscriptionId of await store.deliveries.heldSubscriptionIds()) {
      const subscription = await store.subscriptions.get(subscriptionId);
      if (subscription && !subscription.paused) {
        this.release({ connectionId: subscription.connectionId, subscriptionId });
      }
    }
  }

  /** Shutdown: no new send starts; the one in flight finishes, the rest stays held. */
  async drain(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.releasing.values()]);
  }

  private async releaseNow(subscription: SubscriptionKey): Promise<void> {
    const { store, clock, logger, settings } = this.deps;
    const held = await store.deliveries.held(subscription.subscriptionId);
    if (held.length === 0) return;
    const spacingMs = 1000 / settings.recoverRatePerSecond;
    let sent = 0;
    let nextAt = clock.now().getTime();
    for (const delivery of held) {
      await wait(Math.max(0, nextAt - clock.now().getTime()));
      if (this.stopped) break;
      nextAt = clock.now().getTime() + spacingMs;
      const result = await sendAgain(this.deps, this.runners, delivery);
      if (result?.state !== 'done') continue;
      if (result.delivery.status === 'paused') break; // paused again: the rest stays held
      sent += 1;
    }
    logger.info({ ...subscription, held: held.length, sent }, 'held deliveries released');
  }
}
