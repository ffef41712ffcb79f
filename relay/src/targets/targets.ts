import { MESSAGE_EVENT_TYPES, type EventTarget, type EventType } from '@fourthchat/shared';
import type { Connection } from '../model/connection.js';
import type { Delivery } from '../model/delivery.js';
import type { Pause } from '../model/pause.js';
import type { Subscription, SubscriptionFilter } from '../model/subscription.js';
import { webhookKey } from '../model/target-health.js';
import type { Metrics } from '../observability/metrics.js';

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
  /** Which messages' events it takes; null: all. */
  filter: SubscriptionFilter | null;
  /** After this it takes nothing (the hourly job removes it); null: never. */
  expiresAt: Date | null;
}

const WEBHOOK_EVENTS: readonly EventType[] = ['ai.response'];

export function targetsOf(
  connection: Connection,
  subscriptions: readonly Subscription[],
): DeliveryTarget[] {
  return [
    {
      key: webhookKey(connection.id),
      connectionId: connection.id,
      subscriptionId: null,
      url: connection.webhookUrl,
      events: WEBHOOK_EVENTS,
      paused: connection.webhookPaused,
      filter: null,
      expiresAt: null,
    },
    ...subscriptions.map((s) => ({
      key: s.id,
      connectionId: connection.id,
      subscriptionId: s.id,
      url: s.targetUrl,
      events: s.events,
      paused: s.paused,
      filter: s.filter,
      expiresAt: s.expiresAt,
    })),
  ];
}

/** The message an event is about, as fan-out has it: what subscription filters look at. */
export interface MessageFacts {
  userId: string | null;
  metadataJson: string | null;
}

/**
 * Whether `target` takes `event` now: it chose it, it has not expired, and for events about a
 * message, its filter matches that message (target and subscription events are not filtered).
 */
export function takes(
  target: DeliveryTarget,
  event: EventType,
  message: MessageFacts | undefined,
  now: Date,
): boolean {
  if (!target.events.includes(event)) return false;
  if (target.expiresAt !== null && target.expiresAt <= now) return false;
  if (!target.filter || !MESSAGE_EVENT_TYPES.includes(event)) return true;
  return message !== undefined && matches(target.filter, message);
}

function matches(filter: SubscriptionFilter, message: MessageFacts): boolean {
  if (filter.userId !== null && filter.userId !== message.userId) return false;
  if (filter.metadata.length === 0) return true;
  const metadata: unknown = message.metadataJson ? JSON.parse(message.metadataJson) : {};
  const entries = new Map(Object.entries(metadata as Record<string, unknown>));
  return filter.metadata.every(({ key, value }) => textOf(entries.get(key)) === value);
}

/** A string as it is; a number or boolean as its JSON text; anything else matches nothing. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return undefined;
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
export function targetKeyOf(delivery: Pick<Delivery, 'connectionId' | 'subscriptionId'>) {
  return delivery.subscriptionId ?? webhookKey(delivery.connectionId);
}

/** How events name a target. */
export function eventTargetOf(target: Pick<DeliveryTarget, 'subscriptionId' | 'url'>): EventTarget {
  return target.subscriptionId
    ? { kind: 'subscription', subscriptionId: target.subscriptionId, url: target.url }
    : { kind: 'webhook', url: target.url };
}
