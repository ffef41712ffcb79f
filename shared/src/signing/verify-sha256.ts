import { hmacSha256, safeEqual } from './digest.js';
import { WebhookVerificationError } from './errors.js';
import { getHeader } from './header-lookup.js';
import { ID_HEADER, SHA256_SIGNATURE_PREFIX, SIGNATURE_HEADER } from './headers.js';
import { specKey } from './keys.js';
import type { VerifiedWebhook, VerifyInput } from './verify-types.js';

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Verifies the spec's `X-Webhook-Signature: sha256=<hex>` header over the raw body. */
export function verifySha256(input: VerifyInput): VerifiedWebhook {
  const { headers, body, secret } = input;
  const header = getHeader(headers, SIGNATURE_HEADER);
  if (header === undefined) {
    throw new WebhookVerificationError(
      'missing_headers',
      `neither webhook-signature nor ${SIGNATURE_HEADER} header is present`,
    );
  }
  const lowered = header.toLowerCase();
  const given = lowered.slice(SHA256_SIGNATURE_PREFIX.length);
  if (!lowered.startsWith(SHA256_SIGNATURE_PREFIX) || !HEX_SHA256.test(given)) {
    throw new WebhookVerificationError(
      'invalid_signature',
      `${SIGNATURE_HEADER} must be sha256=<64 hex digits>`,
    );
  }
  if (!safeEqual(given, hmacSha256(specKey(secret), [body], 'hex'))) {
    throw new WebhookVerificationError('invalid_signature', `${SIGNATURE_HEADER} does not match`);
  }
  const id = getHeader(headers, ID_HEADER);
  return id === undefined ? { scheme: 'sha256' } : { scheme: 'sha256', id };
}
