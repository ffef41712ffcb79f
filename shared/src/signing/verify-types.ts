import type { IncomingHeaders } from './headers.js';

export interface VerifyInput {
  /** The raw body exactly as received, before any JSON parsing. */
  body: string | Uint8Array;
  /** Any case; Zapier's `Http-` prefixed names and array values are understood too. */
  headers: IncomingHeaders;
  secret: string;
  now: Date;
  /** Allowed clock difference in both directions for `webhook-timestamp`; default 300. */
  toleranceSeconds?: number;
  /**
   * Refuse deliveries that carry only the `sha256=` header. That header does not bind a timestamp,
   * so a captured delivery could be replayed forever; our own receivers set this.
   */
  requireTimestampedSignature?: boolean;
}

export interface VerifiedWebhook {
  /** The delivery id to dedupe on. Under the `sha256` scheme it is not covered by the signature. */
  id?: string;
  /** The signed send time; only the `standard-webhooks` scheme has one. */
  timestamp?: Date;
  scheme: 'standard-webhooks' | 'sha256';
}
