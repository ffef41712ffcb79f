import { isIsoTimestamp, isNonEmptyString, isPlainObject } from './json.js';

/**
 * What a subscription can receive. `ai.response` is the spec's outgoing payload, unchanged;
 * the others are {@link RelayEvent}s about the connection's delivery targets.
 */
export const EVENT_TYPES = [
  'ai.response',
  'delivery.failed',
  'target.paused',
  'target.resumed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A subscription made without `events` receives replies only, as before events existed. */
export const DEFAULT_EVENT_TYPES: readonly EventType[] = ['ai.response'];

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
  /** Why, in words: e.g. "100 consecutive deliveries failed". */
  reason: string;
  consecutiveFailures: number;
  /** ISO 8601: the first failure after the last success. */
  failingSince: string;
  lastError: string;
}

/** `target.resumed`: attempts start again for new replies; nothing is sent by the resume. */
export interface TargetResumedData {
  target: EventTarget;
  /** `api`: PATCH; `test`: a successful Test delivery. */
  by: 'api' | 'test';
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
export type RelayEvent = DeliveryFailedEvent | TargetPausedEvent | TargetResumedEvent;

function isEventTarget(value: unknown): value is EventTarget {
  return (
    isPlainObject(value) &&
    (value.kind === 'webhook' ||
      (value.kind === 'subscription' && isNonEmptyString(value.subscriptionId))) &&
    isNonEmptyString(value.url)
  );
}

/** Checks the envelope and the `data.target` every event has; receivers read the rest. */
export function isRelayEvent(value: unknown): value is RelayEvent {
  return (
    isPlainObject(value) &&
    isEventType(value.type) &&
    value.type !== 'ai.response' &&
    isNonEmptyString(value.id) &&
    isNonEmptyString(value.connectionId) &&
    isIsoTimestamp(value.timestamp) &&
    isPlainObject(value.data) &&
    isEventTarget(value.data.target)
  );
}
