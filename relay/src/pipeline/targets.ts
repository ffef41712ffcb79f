import type { EventTarget, EventType } from '@fourthchat/shared';
import type { ConnectionDoc, DeliveryDoc, Pause, SubscriptionDoc } from '../store/documents.js';
import type { Metrics } from '../observability/metrics.js';
import { eventsOf } from '../store/subscriptions.js';
import { webhookKey } from '../store/target-health.js';

/** Where a connection delivers: its webhook URL, then each subscription, oldest first. */
export interface DeliveryTarget {
  /** The health key: `<connectionId>:webhook` or the subscription id. */
  key: string;
  connectionId: string;
  subscriptionId: string | null;
  url: string;
  /** What it receives: the webhook URL takes replies; each subscription chooses. */
  events: readonly EventType[];
  paused: Pause | null;
}

const WEBHOOK_EVENTS: readonly EventType[] = ['ai.response'];

export function targetsOf(
  connection: ConnectionDoc,
  subscriptions: readonly SubscriptionDoc[],
): DeliveryTarget[] {
  return [
    {
      key: webhookKey(connection._id),
      connectionId: connection._id,
      subscriptionId: null,
      url: connection.webhookUrl,
      events: WEBHOOK_EVENTS,
      paused: connection.webhookPaused ?? null,
    },
    ...subscriptions.map((s) => ({
      key: s._id,
      connectionId: connection._id,
      subscriptionId: s._id,
      url: s.targetUrl,
      events: eventsOf(s),
      paused: s.paused ?? null,
    })),
  ];
}

/** The connection's paused-targets gauge, from its targets as this process last saw them. */
export function gaugePaused(
  metrics: Pick<Metrics, 'targetsPaused'>,
  connectionId: string,
  targets: readonly DeliveryTarget[],
): void {
  metrics.targetsPaused.set(
    { connection: connectionId },
    targets.filter((target) => target.paused).length,
  );
}

/** The target a delivery went to, keyed as its health is. */
export function targetKeyOf(delivery: Pick<DeliveryDoc, 'connectionId' | 'subscriptionId'>) {
  return delivery.subscriptionId ?? webhookKey(delivery.connectionId);
}

/** How events name a target. */
export function eventTargetOf(target: Pick<DeliveryTarget, 'subscriptionId' | 'url'>): EventTarget {
  return target.subscriptionId
    ? { kind: 'subscription', subscriptionId: target.subscriptionId, url: target.url }
    : { kind: 'webhook', url: target.url };
}
