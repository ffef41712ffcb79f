import type { Bundle } from 'zapier-platform-core';
import {
  isTestPayload,
  verify,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../../shared/index.js';
import { isSubscribeData } from './subscribe-data.js';

/** Why a delivery started no Zap run; logged so a user can tell a forgery from a test. */
export type SkipReason =
  | WebhookVerificationErrorCode
  | 'no_subscription_secret'
  | 'invalid_json'
  | 'test_payload'
  | 'unexpected_payload';

export type DeliveryOutcome<T> = { items: [T] } | { items: []; skipped: SkipReason };

const skip = (skipped: SkipReason): { items: []; skipped: SkipReason } => ({ items: [], skipped });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Turns the raw hook request Zapier received into trigger items. Only a delivery signed with this
 * subscription's secret under the timestamped Standard Webhooks scheme, within the 5 minute
 * tolerance, counts: a `sha256=`-only delivery could be replayed forever. Test payloads start no
 * run; `toItem` gives the trigger's item, or undefined for a payload the trigger does not start on.
 */
export function deliveryOutcome<T>(
  rawRequest: Bundle['rawRequest'],
  subscribeData: unknown,
  now: Date,
  toItem: (payload: unknown) => T | undefined,
): DeliveryOutcome<T> {
  if (!isSubscribeData(subscribeData)) return skip('no_subscription_secret');
  const body = rawRequest?.content ?? '';
  try {
    verify({
      body,
      headers: rawRequest?.headers ?? {},
      secret: subscribeData.secret,
      now,
      requireTimestampedSignature: true,
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return skip(error.code);
    throw error;
  }
  const payload = parseJson(body);
  if (payload === undefined) return skip('invalid_json');
  if (isTestPayload(payload)) return skip('test_payload');
  const item = toItem(payload);
  return item === undefined ? skip('unexpected_payload') : { items: [item] };
}
