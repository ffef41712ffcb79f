import type { Bundle } from 'zapier-platform-core';
import {
  isOutgoingPayload,
  isTestPayload,
  verify,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../../shared/index.js';
import { toResponseItem, type ResponseItem } from './item.js';
import { isSubscribeData } from './subscribe-data.js';

/** Why a delivery started no Zap run; logged so a user can tell a forgery from a test. */
export type SkipReason =
  | WebhookVerificationErrorCode
  | 'no_subscription_secret'
  | 'invalid_json'
  | 'test_payload'
  | 'unexpected_payload';

export type DeliveryOutcome = { items: [ResponseItem] } | { items: []; skipped: SkipReason };

const skip = (skipped: SkipReason): DeliveryOutcome => ({ items: [], skipped });

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
 * tolerance, counts: a `sha256=`-only delivery could be replayed forever. Test payloads start no run.
 */
export function deliveryOutcome(
  rawRequest: Bundle['rawRequest'],
  subscribeData: unknown,
  now: Date,
): DeliveryOutcome {
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
  if (isTestPayload(payload)) return skip('test_payload');
  if (!isOutgoingPayload(payload))
    return skip(payload === undefined ? 'invalid_json' : 'unexpected_payload');
  return { items: [toResponseItem(payload)] };
}
