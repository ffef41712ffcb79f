import type { Bundle } from 'zapier-platform-core';
import {
  isTestPayload,
  verify,
  WebhookVerificationError,
  type DeliveryInfo,
  type IncomingHeaders,
  type WebhookVerificationErrorCode,
} from '../../shared/index.js';
import { deliveryMeta } from './delivery-meta.js';
import { isSubscribeData } from './subscribe-data.js';

/** Why a delivery started no Zap run; logged so a user can tell a forgery from a test. */
export type SkipReason =
  | WebhookVerificationErrorCode
  | 'no_subscription_secret'
  | 'invalid_json'
  | 'test_payload'
  | 'unexpected_payload';

/** A trigger item carries the delivery that brought it. */
export type Delivered<T> = T & { delivery: DeliveryInfo };

export type DeliveryOutcome<T> = { items: [Delivered<T>] } | { items: []; skipped: SkipReason };

const skip = (skipped: SkipReason): { items: []; skipped: SkipReason } => ({ items: [], skipped });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface SignedRequest {
  body: string;
  headers: IncomingHeaders;
  secret: string;
  now: Date;
}

/** The signed delivery id, or why the request is not a genuine timestamped delivery. */
function verifiedId(request: SignedRequest): { id: string } | { skipped: SkipReason } {
  try {
    // The timestamped scheme always yields the id: it is part of what is signed.
    return { id: verify({ ...request, requireTimestampedSignature: true }).id ?? '' };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { skipped: error.code };
    throw error;
  }
}

/**
 * Turns the raw hook request Zapier received into trigger items. Only a delivery signed with this
 * subscription's secret under the timestamped Standard Webhooks scheme, within the 5 minute
 * tolerance, counts: a `sha256=`-only delivery could be replayed forever. Test payloads start no
 * run; `toItem` gives the trigger's item, or undefined for a payload the trigger does not start on.
 * The item gets the signed delivery id and the attempt headers as `delivery`.
 */
export function deliveryOutcome<T>(
  rawRequest: Bundle['rawRequest'],
  subscribeData: unknown,
  now: Date,
  toItem: (payload: unknown) => T | undefined,
): DeliveryOutcome<T> {
  if (!isSubscribeData(subscribeData)) return skip('no_subscription_secret');
  const body = rawRequest?.content ?? '';
  const headers = rawRequest?.headers ?? {};
  const verified = verifiedId({ body, headers, secret: subscribeData.secret, now });
  if ('skipped' in verified) return skip(verified.skipped);
  const payload = parseJson(body);
  if (payload === undefined) return skip('invalid_json');
  if (isTestPayload(payload)) return skip('test_payload');
  const item = toItem(payload);
  if (item === undefined) return skip('unexpected_payload');
  return { items: [{ ...item, delivery: deliveryMeta(verified.id, headers) }] };
}
