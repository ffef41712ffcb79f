import { isNonEmptyString, isPlainObject } from '../../shared/index.js';

/**
 * What performSubscribe returns and Zapier keeps as `bundle.subscribeData`: the relay's
 * subscription id (to unsubscribe) and its own secret (to verify every delivery to this Zap).
 */
export interface SubscribeData {
  id: string;
  secret: string;
}

export function isSubscribeData(value: unknown): value is SubscribeData {
  return isPlainObject(value) && isNonEmptyString(value.id) && isNonEmptyString(value.secret);
}

export function subscriptionId(value: unknown): string | undefined {
  return isPlainObject(value) && isNonEmptyString(value.id) ? value.id : undefined;
}
