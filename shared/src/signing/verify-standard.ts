import { hmacSha256, safeEqual } from './digest.js';
import { WebhookVerificationError } from './errors.js';
import { getHeader } from './header-lookup.js';
import {
  STANDARD_ID_HEADER,
  STANDARD_SIGNATURE_VERSION,
  STANDARD_TIMESTAMP_HEADER,
} from './headers.js';
import { standardWebhooksKey } from './keys.js';
import { standardSignedContent } from './standard-content.js';
import { unixSeconds } from './time.js';
import type { VerifiedWebhook, VerifyInput } from './verify-types.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;
const UNSIGNED_INTEGER = /^\d+$/;

function parseTimestamp(value: string): number {
  const seconds = Number(value);
  if (!UNSIGNED_INTEGER.test(value) || !Number.isSafeInteger(seconds)) {
    throw new WebhookVerificationError(
      'invalid_timestamp',
      `${STANDARD_TIMESTAMP_HEADER} must be an integer number of seconds since the Unix epoch`,
    );
  }
  return seconds;
}

function checkTolerance(seconds: number, now: Date, toleranceSeconds: number): void {
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError('toleranceSeconds must be a non-negative finite number');
  }
  if (Math.abs(unixSeconds(now) - seconds) > toleranceSeconds) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `${STANDARD_TIMESTAMP_HEADER} is more than ${String(toleranceSeconds)} s from the receiver's clock`,
    );
  }
}

/** Values of the space-separated `webhook-signature` entries of our version; others are skipped. */
function versionedSignatures(header: string): string[] {
  const prefix = `${STANDARD_SIGNATURE_VERSION},`;
  return header
    .split(' ')
    .filter((entry) => entry.startsWith(prefix))
    .map((entry) => entry.slice(prefix.length));
}

/** Verifies the Standard Webhooks `webhook-signature` header; any one matching entry suffices. */
export function verifyStandardWebhook(input: VerifyInput, signatures: string): VerifiedWebhook {
  const { headers, body, secret, now, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = input;
  const id = getHeader(headers, STANDARD_ID_HEADER);
  const timestamp = getHeader(headers, STANDARD_TIMESTAMP_HEADER);
  if (id === undefined || timestamp === undefined) {
    throw new WebhookVerificationError(
      'missing_headers',
      `a signature needs the ${STANDARD_ID_HEADER} and ${STANDARD_TIMESTAMP_HEADER} headers`,
    );
  }
  const seconds = parseTimestamp(timestamp);
  checkTolerance(seconds, now, toleranceSeconds);
  const expected = hmacSha256(
    standardWebhooksKey(secret),
    standardSignedContent(id, timestamp, body),
    'base64',
  );
  // `some` stops at the first match; which entry matched is no secret, the expected value is.
  if (!versionedSignatures(signatures).some((candidate) => safeEqual(candidate, expected))) {
    throw new WebhookVerificationError('invalid_signature', 'no webhook-signature entry matches');
  }
  return { scheme: 'standard-webhooks', id, timestamp: new Date(seconds * 1000) };
}
