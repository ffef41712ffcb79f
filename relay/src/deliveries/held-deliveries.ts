import type { RelayDeps } from '../deps.js';
import { redeliverPaced, type PacedRunners } from './paced-redelivery.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>;

/**
 * Sends what a resumed subscription held: its `paused` deliveries, oldest first, at
 * RELAY_RECOVER_RATE (the recover machinery), each once: only the one caller whose
 * conditional write resumed it releases, and a claim names the attempt it sends. It runs
 * after the answer to the resume; `drain` waits for releases under way (shutdown).
 */
export class HeldDeliveries {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: Deps,
    private readonly runners: PacedRunners,
  ) {}

  release(subscription: { connectionId: string; subscriptionId: string }): void {
    const work = this.releaseNow(subscription).catch((error: unknown) => {
      // What was not queued stays held: Recover (or the next resume) sends it.
      this.deps.logger.error({ err: error, ...subscription }, 'held deliveries not released');
    });
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async releaseNow(subscription: {
    connectionId: string;
    subscriptionId: string;
  }): Promise<void> {
    const { store, clock, logger } = this.deps;
    const held = await store.deliveries.held(subscription.subscriptionId);
    if (held.length === 0) return;
    const queued = await redeliverPaced(this.deps, this.runners, held, clock.now());
    logger.info({ ...subscription, queued }, 'held deliveries released');
  }
}
