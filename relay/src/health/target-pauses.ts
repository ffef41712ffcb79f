import { isoSeconds, type ResumedBy } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import type { HealthFigures, PauseRule } from '../model/target-health.js';
import type { HeldDeliveries } from '../deliveries/held-deliveries.js';
import type { RelayEvents } from '../events/relay-events.js';
import { eventTargetOf, gaugePaused, targetsOf, type DeliveryTarget } from '../targets/targets.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'ids' | 'logger' | 'metrics' | 'settings'>;

/** A target of a connection: `subscriptionId` null is its webhook URL. */
export interface TargetRef {
  connectionId: string;
  subscriptionId: string | null;
}

/**
 * Pauses and resumes delivery targets. The pause state lives on the connection (webhook URL) and
 * the subscription, which fan-out and delivery read through their caches; each change is a
 * conditional update, so of racing pausers (two relays flushing the same failures) exactly
 * one logs and sends the event.
 */
export class TargetPauses {
  constructor(
    private readonly deps: Deps,
    private readonly events: RelayEvents,
    private readonly held: HeldDeliveries,
  ) {}

  /** Targets whose figures reached RELAY_DISABLE_AFTER. */
  async pauseReached(reached: readonly HealthFigures[]): Promise<void> {
    const now = this.deps.clock.now();
    for (const figures of reached) {
      await this.pause(
        { connectionId: figures.connectionId, subscriptionId: figures.subscriptionId },
        reasonFor(figures, this.deps.settings.disableAfter, now),
        figures,
      );
    }
  }

  /** False when it was paused already (or is gone). */
  async pause(ref: TargetRef, reason: string, figures?: HealthFigures): Promise<boolean> {
    const { store, clock, logger } = this.deps;
    const now = clock.now();
    const pause = { at: now, reason };
    const connection = await this.change(ref, pause);
    if (!connection) return false;
    const target = await this.targetOf(connection, ref);
    if (!target) return false;
    logger.warn({ connectionId: ref.connectionId, target: target.key, reason }, 'target paused');
    const health = figures ?? (await store.targetHealth.forKeys([target.key]))[0];
    await this.events.emit(connection, target.key, {
      type: 'target.paused',
      id: this.deps.ids.next('evt'),
      connectionId: connection.id,
      timestamp: isoSeconds(now),
      data: {
        target: eventTargetOf(target),
        reason,
        consecutiveFailures: health?.consecutiveFailures ?? 0,
        failingSince: isoSeconds(health?.failingSince ?? now),
        lastError: health?.lastError?.message ?? '',
      },
    });
    return true;
  }

  /**
   * Resumes: `target.resumed`, and a subscription's held deliveries are released (the webhook
   * URL's stay paused for Recover). False when it was not paused.
   */
  async resume(ref: TargetRef, by: ResumedBy): Promise<boolean> {
    const connection = await this.change(ref, null);
    if (!connection) return false;
    await this.resumed(connection, ref, by);
    return true;
  }

  /** What follows a resume made elsewhere too (subscribing a paused URL again resumes it). */
  async resumed(connection: Connection, ref: TargetRef, by: ResumedBy): Promise<void> {
    const { store, clock, logger } = this.deps;
    const target = await this.targetOf(connection, ref);
    if (!target) return;
    await store.targetHealth.restart(target.key);
    logger.info({ connectionId: ref.connectionId, target: target.key, by }, 'target resumed');
    await this.events.emit(connection, target.key, {
      type: 'target.resumed',
      id: this.deps.ids.next('evt'),
      connectionId: connection.id,
      timestamp: isoSeconds(clock.now()),
      data: { target: eventTargetOf(target), by },
    });
    if (ref.subscriptionId !== null) {
      this.held.release({ connectionId: ref.connectionId, subscriptionId: ref.subscriptionId });
    }
  }

  /** The connection after the change, undefined when nothing changed. */
  private async change(
    ref: TargetRef,
    pause: { at: Date; reason: string } | null,
  ): Promise<Connection | undefined> {
    const { store } = this.deps;
    if (ref.subscriptionId === null) {
      const before = await store.connections.setWebhookPause(ref.connectionId, pause);
      return before ? { ...before, webhookPaused: pause } : undefined;
    }
    const changed = await store.subscriptions.setPause(
      { id: ref.subscriptionId, connectionId: ref.connectionId },
      pause,
    );
    return changed ? store.connections.get(ref.connectionId) : undefined;
  }

  /** The target as it is now, with the paused gauge of its connection brought up to date. */
  private async targetOf(
    connection: Connection,
    ref: TargetRef,
  ): Promise<DeliveryTarget | undefined> {
    const subscriptions = await this.deps.store.subscriptions.forConnection(connection.id);
    const targets = targetsOf(connection, subscriptions);
    gaugePaused(this.deps.metrics, connection.id, targets);
    return targets.find((target) => target.subscriptionId === ref.subscriptionId);
  }
}

function reasonFor(figures: HealthFigures, rule: PauseRule, now: Date): string {
  if (rule.failures !== null && figures.consecutiveFailures >= rule.failures)
    return `${String(figures.consecutiveFailures)} consecutive deliveries failed`;
  const since = figures.failingSince ?? now;
  return `every delivery failed for ${spanText(now.getTime() - since.getTime())}`;
}

const SPANS: readonly [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

/** The largest whole unit: "5 days", "2 hours". */
function spanText(ms: number): string {
  const [unit, name] = SPANS.find(([size]) => ms >= size) ?? [1, 'millisecond'];
  const count = Math.floor(ms / unit);
  return `${String(count)} ${name}${count === 1 ? '' : 's'}`;
}
