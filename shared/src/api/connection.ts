import type { TargetHealth } from './health.js';

/** A Custom Webhook connection as read back: the secret is never part of a read. */
export interface Connection {
  id: string;
  chatbotId: string;
  name: string;
  webhookUrl: string;
  /** Added to every delivery; they cannot override the signature headers. */
  customHeaders: Record<string, string>;
  enabled: boolean;
  /** Where to POST messages for this connection (the spec's "Incoming Webhook URL"). */
  incomingWebhookUrl: string;
  /** Every target: the webhook URL first, then each subscription, oldest first. */
  health: TargetHealth[];
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** The create answer, the only read showing the secret (a generated `whsec_…` if none given). */
export interface CreatedConnection extends Connection {
  secret: string;
}

/** `POST /api/chatbots/:id/connections`. */
export interface CreateConnectionRequest {
  name: string;
  webhookUrl: string;
  secret?: string;
  customHeaders?: Record<string, string>;
}

/** `PATCH /api/connections/:id`. */
export interface UpdateConnectionRequest {
  name?: string;
  webhookUrl?: string;
  customHeaders?: Record<string, string>;
  enabled?: boolean;
  /** Pauses or (false) resumes the webhook URL; resuming sends nothing by itself. */
  paused?: boolean;
}

/** `POST /api/connections/:id/rotate-secret`: the old secret keeps co-signing until the expiry. */
export interface RotatedSecret {
  secret: string;
  /** ISO 8601. */
  previousSecretExpiresAt: string;
}
