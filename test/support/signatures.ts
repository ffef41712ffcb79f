// Checks a received delivery the ways a receiver would: the shared verifier, and the
// spec's own HMAC-hex-of-the-raw-body check of X-Webhook-Signature.
import { createHmac } from 'node:crypto';
import { verify, WebhookVerificationError } from '@fourthchat/shared';
import type { ReceivedRequest } from './receiver.js';

/** The shared `verify` (Standard Webhooks signature, timestamp within 5 min of `now`). */
export function verifiesWith(request: ReceivedRequest, secret: string, now = new Date()): boolean {
  try {
    verify({ body: request.body, headers: request.headers, secret, now });
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}

/** The spec's receiver code: `sha256=` + HMAC-SHA256 hex of the raw body with the secret. */
export function specSignatureMatches(request: ReceivedRequest, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(request.body).digest('hex');
  return request.headers['x-webhook-signature'] === `sha256=${expected}`;
}

/** The `v1,<base64>` entries of the webhook-signature header. */
export function standardSignatures(request: ReceivedRequest): string[] {
  return String(request.headers['webhook-signature'] ?? '')
    .split(' ')
    .filter(Boolean);
}
