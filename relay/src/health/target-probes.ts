import type { RelayDeps } from '../deps.js';
import { sendAgain, type SendAgainRunners } from '../deliveries/send-again.js';
import { pausedByFailures } from '../model/pause.js';
import type { Subscription } from '../model/subscription.js';
import type { TargetPauses } from './target-pauses.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>;

/**
 * Sees whether subscriptions paused by failures are back, every RELAY_PROBE_INTERVAL: each one
 * paused for at least that long is sent the oldest delivery it holds, despite its pause. A 2xx
 * resumes it (`target.resumed` by "probe"), which releases the rest in order; any other answer
 * keeps it paused, the delivery held again with the attempt in its log. This is how an n8n
 * that comes back without subscribing again (a plain restart keeps its registrations) is heard
 * from again; a subscription paused by its owner (by hand, unpublished) is left alone, and one
 * holding nothing is not probed (there is nothing to send).
 */
export class TargetProbes {
  constructor(
    private readonly deps: Deps,
    private readonly runners: SendAgainRunners,
    private readonly pauses: Pick<TargetPauses, 'resume'>,
  ) {}

  /** One round; answers how many subscriptions it resumed. */
  async probeRound(): Promise<number> {
    const { store, clock, settings } = this.deps;
    const cutoff = new Date(clock.now().getTime() - settings.probeIntervalMs);
    let resumed = 0;
    for (const subscription of await store.subscriptions.pausedBefore(cutoff)) {
      if (subscription.paused && pausedByFailures(subscription.paused)) {
        if (await this.probe(subscription)) resumed += 1;
      }
    }
    return resumed;
  }

  private async probe(subscription: Subscription): Promise<boolean> {
    const { store, logger } = this.deps;
    const ref = { connectionId: subscription.connectionId, subscriptionId: subscription.id };
    const [oldest] = await store.deliveries.held(subscription.id);
    if (!oldest) return false;
    const result = await sendAgain(this.deps, this.runners, oldest, { despitePause: true });
    if (result?.state !== 'done') return false;
    if (result.delivery.status !== 'delivered') {
      logger.info({ ...ref, deliveryId: oldest.id }, 'paused target probed: still failing');
      return false;
    }
    logger.info({ ...ref, deliveryId: oldest.id }, 'paused target probed: it answered');
    return this.pauses.resume(ref, 'probe');
  }
}
