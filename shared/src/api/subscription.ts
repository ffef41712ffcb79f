import type { EventType, SubscriptionRemovalReason } from '../payloads/events.js';
import type { TargetHealth } from './health.js';

/**
 * Which messages' events (`ai.response`, `message.failed`) a subscription receives: all of
 * `userId` and `metadata` must match. A metadata value matches a string equal to it, or a
 * number or boolean whose JSON text equals it (`"42"` matches 42).
 */
export interface SubscriptionFilter {
  userId?: string;
  metadata?: Record<string, string>;
}

/** What DELETE does to a subscription: pause it and hold its replies, or remove it. */
export type WhileUnpublished = 'hold' | 'drop';

/** The reason a subscription paused by its owner's DELETE (with `hold`) shows. */
export const UNPUBLISHED_PAUSE_REASON = 'unpublished';

/** A REST hook on a connection (the n8n and Zapier triggers); read without its secret. */
export interface Subscription {
  id: string;
  connectionId: string;
  targetUrl: string;
  /** What it receives; `['ai.response']` unless chosen otherwise. */
  events: EventType[];
  /** `{}` when it takes every message's events. */
  filter: SubscriptionFilter;
  /** What its owner's DELETE does (default `hold`). */
  whileUnpublished: WhileUnpublished;
  /** Paused: nothing is sent, replies are held (`health.paused` says since when and why). */
  paused: boolean;
  /** ISO 8601, when it was made with `ttlSeconds`: it is removed then unless subscribed again. */
  expiration_date?: string;
  health: TargetHealth;
  /** ISO 8601. */
  createdAt: string;
}

/** The subscribe answer: the secret that signs every delivery to this subscription. */
export interface CreatedSubscription extends Subscription {
  secret: string;
}

/**
 * `POST /api/connections/:id/subscriptions`: 201 for a new URL; the same URL again answers
 * 200, takes every field given here (absent ones reset to their defaults), renews the expiry
 * and resumes the subscription if it was paused, releasing what it held.
 */
export interface CreateSubscriptionRequest {
  targetUrl: string;
  secret?: string;
  /** Default `['ai.response']`. */
  events?: EventType[];
  filter?: SubscriptionFilter;
  /** Default `hold`. */
  whileUnpublished?: WhileUnpublished;
  /** Removed this many seconds from now unless subscribed again; absent: never expires. */
  ttlSeconds?: number;
}

/** `PATCH /api/subscriptions/:id`: `paused: false` resumes it and releases what it held. */
export interface UpdateSubscriptionRequest {
  events?: EventType[];
  paused?: boolean;
}

/** A subscription the relay removed, kept for a while so its owner can see what happened. */
export interface RemovedSubscription {
  id: string;
  connectionId: string;
  targetUrl: string;
  reason: SubscriptionRemovalReason;
  /** Held deliveries dropped with it. */
  heldDeliveries: number;
  /** ISO 8601. */
  removedAt: string;
}

/** `GET /api/connections/:id/subscriptions`: the subscriptions, and those recently removed. */
export interface SubscriptionList {
  data: Subscription[];
  /** Removed by the relay (expiry, too long paused, 410) within the retention window, newest first. */
  removed: RemovedSubscription[];
}
