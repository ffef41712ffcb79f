import type { EventType } from '../payloads/events.js';
import type { TargetHealth } from './health.js';

/** A REST hook on a connection (the n8n and Zapier triggers); read without its secret. */
export interface Subscription {
  id: string;
  connectionId: string;
  targetUrl: string;
  /** What it receives; `['ai.response']` unless chosen otherwise. */
  events: EventType[];
  health: TargetHealth;
  /** ISO 8601. */
  createdAt: string;
}

/** The create answer: the secret that signs every delivery to this subscription. */
export interface CreatedSubscription extends Subscription {
  secret: string;
}

/** `POST /api/connections/:id/subscriptions`; idempotent per targetUrl. */
export interface CreateSubscriptionRequest {
  targetUrl: string;
  secret?: string;
  /** Default `['ai.response']`; the same URL again replaces the list. */
  events?: EventType[];
}

/** `PATCH /api/subscriptions/:id`: `paused: false` resumes (sends nothing by itself). */
export interface UpdateSubscriptionRequest {
  events?: EventType[];
  paused?: boolean;
}
