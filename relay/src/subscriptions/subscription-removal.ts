import { isoSeconds, type SubscriptionRemovalReason } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Subscription } from '../model/subscription.js';
import type { AttemptRecorded } from '../events/attempt-recorded.js';
import type { RelayEvents } from '../events/relay-events.js';
import { isZapierHookUrl, turnZapOff } from './zap-off.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'ids' | 'logger' | 'send' | 'settings'>;

/**
 * Removals the relay makes on its own (expiry, paused too long, a 410 from the target), never
 * silent: a warn log line, a record the API and the page show, and `subscription.removed` to
 * the connection's other subscriptions that chose it; a Zap still on (not a 410) is turned off
 * through its hook URL. Its owner's DELETE is not one of these.
 */
export class SubscriptionRemovals {
  constructor(
    private readonly deps: Deps,
    private readonly events: RelayEvents,
  ) {}

  /** A subscription's target answered 410 Gone: the hook is gone for good (REST hooks). */
  attemptRecorded(recorded: AttemptRecorded): void {
    const { subscriptionId } = recorded.delivery;
    if (!recorded.gone || subscriptionId === null) return;
    void this.deps.store.subscriptions
      .get(subscriptionId)
      .then((doc) => (doc ? this.remove(doc, 'gone') : false))
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, subscriptionId }, 'gone subscription not removed');
      });
  }

  /** False when it was gone already (another relay removed it at the same time). */
  async remove(doc: Subscription, reason: SubscriptionRemovalReason): Promise<boolean> {
    const { store, clock, ids, logger } = this.deps;
    if (!(await store.subscriptions.delete(doc))) return false;
    await store.targetHealth.remove([doc.id]);
    const heldDeliveries = await store.deliveries.countHeld(doc.id);
    const now = clock.now();
    await store.removedSubscriptions.record({
      id: doc.id,
      workspaceId: doc.workspaceId,
      connectionId: doc.connectionId,
      targetUrl: doc.targetUrl,
      reason,
      heldDeliveries,
      removedAt: now,
    });
    logger.warn(
      { connectionId: doc.connectionId, subscriptionId: doc.id, reason, heldDeliveries },
      'subscription removed',
    );
    if (reason !== 'gone' && isZapierHookUrl(doc.targetUrl)) {
      const { connectionId, targetUrl } = doc;
      await turnZapOff(this.deps, { id: doc.id, connectionId, targetUrl });
    }
    const connection = await store.connections.get(doc.connectionId);
    if (!connection) return true;
    await this.events.emit(connection, doc.id, {
      type: 'subscription.removed',
      id: ids.next('evt'),
      connectionId: doc.connectionId,
      timestamp: isoSeconds(now),
      data: {
        subscription: { id: doc.id, targetUrl: doc.targetUrl },
        reason,
        heldDeliveries,
      },
    });
    return true;
  }
}
