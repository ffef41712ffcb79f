import { isIsoTimestamp, isNonEmptyString, isPlainObject } from './json.js';

/**
 * What a subscription can receive. `ai.response` is the spec's outgoing payload, unchanged;
 * the others are {@link RelayEvent}s about the connection's delivery targets, its
 * subscriptions and its messages.
 */
export const EVENT_TYPES = [
  'ai.response',
  'delivery.failed',
  'target.paused',
  'target.resumed',
  'subscription.removed',
  'message.failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A subscription made without `events` receives replies only, as before events existed. */
export const DEFAULT_EVENT_TYPES: readonly EventType[] = ['ai.response'];

/**
 * Events about one message: a subscription's `filter` (userId, metadata) applies to these;
 * events about targets and subscriptions reach every subscription that chose them.
 */
export const MESSAGE_EVENT_TYPES: readonly EventType[] = ['ai.response', 'message.failed'];

/** Every delivery names its event in this header, so a receiver can route without parsing. */
export const EVENT_HEADER = 'X-Webhook-Event';

export function isEventType(value: unknown): value is EventType {
  return EVENT_TYPES.some((type) => type === value);
}

/** A delivery target of a connection: its own webhook URL, or one subscription. */
export interface EventTarget {
  kind: 'webhook' | 'subscription';
  /** Set when kind is `subscription`. */
  subscriptionId?: string;
  url: string;
}

/** `delivery.failed`: a delivery used up its attempts (or could not be attempted at all). */
export interface DeliveryFailedData {
  target: EventTarget;
  deliveryId: string;
  /** The reply it carried; absent for test deliveries. */
  messageId?: string;
  attempts: number;
  lastError: string;
  /** ISO 8601. */
  lastAttemptAt: string;
}

/** `target.paused`: the target failed for too long and gets no more attempts until resumed. */
export interface TargetPausedData {
  target: EventTarget;
  /** Why, in words: e.g. "100 consecutive deliveries failed"; `unpublished` for a held DELETE. */
  reason: string;
  consecutiveFailures: number;
  /** ISO 8601: the first failure after the last success. */
  failingSince: string;
  lastError: string;
}

/**
 * Who resumed a target: PATCH (or the page), a successful Test, the same URL subscribed again, or
 * the relay itself, when a delivery it sent to the paused target to see whether it is back was
 * answered 2xx (RELAY_PROBE_INTERVAL).
 */
export type ResumedBy = 'api' | 'test' | 'subscribe' | 'probe';

/** `target.resumed`: attempts start again; the resume itself sends no new delivery. */
export interface TargetResumedData {
  target: EventTarget;
  by: ResumedBy;
}

/** Why the relay removed a subscription (its owner's DELETE raises no event). */
export const SUBSCRIPTION_REMOVAL_REASONS = ['expired', 'paused_too_long', 'gone'] as const;
export type SubscriptionRemovalReason = (typeof SUBSCRIPTION_REMOVAL_REASONS)[number];

/** `subscription.removed`: the relay removed a subscription; what it held is dropped. */
export interface SubscriptionRemovedData {
  subscription: { id: string; targetUrl: string };
  /**
   * `expired`: its expiration_date passed; `paused_too_long`: paused for longer than
   * RELAY_SUBSCRIPTION_EXPIRY; `gone`: its target answered 410.
   */
  reason: SubscriptionRemovalReason;
  /** Deliveries it held (status `paused`) that will never be sent. */
  heldDeliveries: number;
}

/** `message.failed`: a message's reply finally failed (AI error, chatbot deleted). */
export interface MessageFailedData {
  /** The message that was sent (the 202's messageId). */
  messageId: string;
  conversationId: string;
  userId?: string;
  reason: string;
}

interface EventEnvelope<T extends Exclude<EventType, 'ai.response'>, D> {
  type: T;
  /** Unique per event; the delivery's `X-Webhook-Id` differs per target. */
  id: string;
  connectionId: string;
  /** ISO 8601, when the event happened. */
  timestamp: string;
  data: D;
}

export type DeliveryFailedEvent = EventEnvelope<'delivery.failed', DeliveryFailedData>;
export type TargetPausedEvent = EventEnvelope<'target.paused', TargetPausedData>;
export type TargetResumedEvent = EventEnvelope<'target.resumed', TargetResumedData>;
export type SubscriptionRemovedEvent = EventEnvelope<
  'subscription.removed',
  SubscriptionRemovedData
>;
export type MessageFailedEvent = EventEnvelope<'message.failed', MessageFailedData>;
export type RelayEvent =
  | DeliveryFailedEvent
  | TargetPausedEvent
  | TargetResumedEvent
  | SubscriptionRemovedEvent
  | MessageFailedEvent;

function isEventTarget(value: unknown): value is EventTarget {
  return (
    isPlainObject(value) &&
    (value.kind === 'webhook' ||
      (value.kind === 'subscription' && isNonEmptyString(value.subscriptionId))) &&
    isNonEmptyString(value.url)
  );
}

/** What each event's `data` must hold for a receiver to route it. */
const DATA_CHECKS: Record<RelayEvent['type'], (data: Record<string, unknown>) => boolean> = {
  'delivery.failed': (data) => isEventTarget(data.target),
  'target.paused': (data) => isEventTarget(data.target),
  'target.resumed': (data) => isEventTarget(data.target),
  'subscription.removed': (data) =>
    isPlainObject(data.subscription) &&
    isNonEmptyString(data.subscription.id) &&
    SUBSCRIPTION_REMOVAL_REASONS.some((reason) => reason === data.reason),
  'message.failed': (data) =>
    isNonEmptyString(data.messageId) && isNonEmptyString(data.conversationId),
};

/** Checks the envelope and the part of `data` that names what the event is about. */
export function isRelayEvent(value: unknown): value is RelayEvent {
  return (
    isPlainObject(value) &&
    isEventType(value.type) &&
    value.type !== 'ai.response' &&
    isNonEmptyString(value.id) &&
    isNonEmptyString(value.connectionId) &&
    isIsoTimestamp(value.timestamp) &&
    isPlainObject(value.data) &&
    DATA_CHECKS[value.type](value.data)
  );
}
