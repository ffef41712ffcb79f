/** A REST hook on a connection (the n8n and Zapier triggers); read without its secret. */
export interface Subscription {
  id: string;
  connectionId: string;
  targetUrl: string;
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
}
