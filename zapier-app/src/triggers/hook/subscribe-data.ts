import { isNonEmptyString, isPlainObject } from '../../shared/index.js';

/**
 * What performSubscribe returns and Zapier keeps as `bundle.subscribeData`: the relay's
 * subscription id (to unsubscribe), its secret (to verify every delivery to this Zap), and the
 * ISO 8601 `expiration_date` after which Zapier subscribes again (Zapier's own field name).
 */
export interface SubscribeData {
  id: string;
  secret: string;
  expiration_date?: string;
}

export function isSubscribeData(value: unknown): value is SubscribeData {
  return isPlainObject(value) && isNonEmptyString(value.id) && isNonEmptyString(value.secret);
}

/** The relay's subscribe answer, as far as the app reads it. */
export function isSubscribeAnswer(value: unknown): value is SubscribeData {
  return (
    isSubscribeData(value) &&
    (value.expiration_date === undefined || typeof value.expiration_date === 'string')
  );
}

export function subscriptionId(value: unknown): string | undefined {
  return isPlainObject(value) && isNonEmptyString(value.id) ? value.id : undefined;
}
