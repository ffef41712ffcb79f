import { hmacSha256 } from './digest.js';
import {
  ID_HEADER,
  SHA256_SIGNATURE_PREFIX,
  SIGNATURE_HEADER,
  STANDARD_ID_HEADER,
  STANDARD_SIGNATURE_HEADER,
  STANDARD_SIGNATURE_VERSION,
  STANDARD_TIMESTAMP_HEADER,
  TIMESTAMP_HEADER,
} from './headers.js';
import { specKey, standardWebhooksKey } from './keys.js';
import { standardSignedContent } from './standard-content.js';
import { isoSeconds, unixSeconds } from './time.js';

export interface SignInput {
  /** The current secret; it alone signs the `sha256=` header. */
  secret: string;
  /** Secrets still inside a rotation overlap; each adds one more `v1,` signature. */
  previousSecrets?: readonly string[];
  /** The delivery id, the same on every retry so receivers can dedupe. */
  id: string;
  now: Date;
  /** The exact body that will be sent; serialize once and send these bytes. */
  body: string;
}

export type DeliveryHeaders = Record<string, string>;

/** Every signature header of a delivery (docs/CONTRACT.md, "Outgoing"). */
export function sign(input: SignInput): DeliveryHeaders {
  const { secret, previousSecrets = [], id, now, body } = input;
  const timestamp = String(unixSeconds(now));
  const content = standardSignedContent(id, timestamp, body);
  const standardSignatures = [secret, ...previousSecrets].map(
    (each) =>
      `${STANDARD_SIGNATURE_VERSION},${hmacSha256(standardWebhooksKey(each), content, 'base64')}`,
  );
  return {
    [SIGNATURE_HEADER]: SHA256_SIGNATURE_PREFIX + hmacSha256(specKey(secret), [body], 'hex'),
    [TIMESTAMP_HEADER]: isoSeconds(now),
    [ID_HEADER]: id,
    [STANDARD_ID_HEADER]: id,
    [STANDARD_TIMESTAMP_HEADER]: timestamp,
    [STANDARD_SIGNATURE_HEADER]: standardSignatures.join(' '),
  };
}
