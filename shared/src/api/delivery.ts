import type { EventType } from '../payloads/events.js';

/** `paused`: held for a paused target instead of being attempted (sent once it is resumed or recovered). */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed', 'paused'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return DELIVERY_STATUSES.some((status) => status === value);
}

export interface DeliveryAttempt {
  /** ISO 8601. */
  at: string;
  /** The HTTP status; null when no response came (network error, timeout). */
  status: number | null;
  durationMs: number;
  error?: string;
  /** The first bytes of the response body, for debugging the receiver. */
  responseSnippet?: string;
}

/** One payload to one target (the webhook URL or one subscription), with every attempt. */
export interface Delivery {
  /** Sent as `X-Webhook-Id` / `webhook-id`; the same on every retry so receivers can dedupe. */
  id: string;
  connectionId: string;
  subscriptionId?: string;
  messageId?: string;
  /** `callback`: a message's callbackUrl (its reply, or `message.failed`). */
  kind: 'reply' | 'test' | 'event' | 'callback';
  /** What it carries: `ai.response` for replies, the event's type for events. */
  event?: EventType;
  targetUrl: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** ISO 8601; set while a retry is scheduled. */
  nextAttemptAt?: string;
  createdAt: string;
  updatedAt: string;
}
