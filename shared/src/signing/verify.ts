import { assertValidSecret } from './keys.js';
import { getHeader } from './header-lookup.js';
import { STANDARD_SIGNATURE_HEADER } from './headers.js';
import { WebhookVerificationError } from './errors.js';
import { verifySha256 } from './verify-sha256.js';
import { verifyStandardWebhook } from './verify-standard.js';
import type { VerifiedWebhook, VerifyInput } from './verify-types.js';

/**
 * Checks a delivery's signature in constant time. The Standard Webhooks signature is used whenever
 * present, because it binds the timestamp; the spec's `sha256=` header is the fallback.
 * Throws {@link WebhookVerificationError} for a delivery to refuse, and a RangeError for an
 * unusable secret, clock or tolerance (a configuration error).
 */
export function verify(input: VerifyInput): VerifiedWebhook {
  assertValidSecret(input.secret);
  const signatures = getHeader(input.headers, STANDARD_SIGNATURE_HEADER);
  if (signatures !== undefined) return verifyStandardWebhook(input, signatures);
  if (input.requireTimestampedSignature === true) {
    throw new WebhookVerificationError(
      'missing_headers',
      `${STANDARD_SIGNATURE_HEADER} header is required: unsigned timestamps are refused`,
    );
  }
  return verifySha256(input);
}
