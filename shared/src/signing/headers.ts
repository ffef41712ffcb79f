/**
 * Header names of every signed delivery (docs/CONTRACT.md, "Outgoing"). The `X-Webhook-*` trio is
 * the product spec's own scheme; the lowercase trio is Standard Webhooks, whose signature binds the
 * timestamp and therefore carries the replay protection.
 */
export const SIGNATURE_HEADER = 'X-Webhook-Signature';
export const TIMESTAMP_HEADER = 'X-Webhook-Timestamp';
export const ID_HEADER = 'X-Webhook-Id';
export const STANDARD_ID_HEADER = 'webhook-id';
export const STANDARD_TIMESTAMP_HEADER = 'webhook-timestamp';
export const STANDARD_SIGNATURE_HEADER = 'webhook-signature';

/**
 * Delivery metadata on every attempt (headers, so the signed body stays byte-identical): this
 * attempt's number (1 for the first), whether no retry follows if it fails (`true`/`false`), and
 * the delivery's address in the relay's API (`<RELAY_PUBLIC_URL>/api/deliveries/<id>`).
 */
export const ATTEMPT_HEADER = 'X-Webhook-Attempt';
export const LAST_ATTEMPT_HEADER = 'X-Webhook-Last-Attempt';
export const DELIVERY_URL_HEADER = 'X-Webhook-Delivery-Url';

/** The `sha256=` prefix of {@link SIGNATURE_HEADER}'s value. */
export const SHA256_SIGNATURE_PREFIX = 'sha256=';
/** The version tag of one entry in {@link STANDARD_SIGNATURE_HEADER}. */
export const STANDARD_SIGNATURE_VERSION = 'v1';

/** Request headers as HTTP servers hand them over: any name case, repeated headers as arrays. */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;
