import type { OutputFields } from 'zapier-platform-core';
import { getHeader, type IncomingHeaders } from '../../shared/index.js';

// The relay's delivery headers (docs/CONTRACT.md); Zapier hands them over as `Http-X-Webhook-…`.
const ATTEMPT_HEADER = 'X-Webhook-Attempt';
const LAST_ATTEMPT_HEADER = 'X-Webhook-Last-Attempt';
const DELIVERY_URL_HEADER = 'X-Webhook-Delivery-Url';

/**
 * Which delivery started the run: `id` is the signed delivery id (the idempotency key, the same on
 * every retry), `attempt` counts from 1, `isLastAttempt` says no retry follows if this run fails to
 * take it, `url` is the delivery in the relay's log. A relay from before these headers sends only
 * the id.
 */
export interface DeliveryMeta {
  id: string;
  attempt?: number;
  isLastAttempt?: boolean;
  url?: string;
}

function attemptOf(text: string | undefined): number | undefined {
  const attempt = text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
  return Number.isSafeInteger(attempt) && attempt > 0 ? attempt : undefined;
}

function flagOf(text: string | undefined): boolean | undefined {
  if (text === 'true') return true;
  return text === 'false' ? false : undefined;
}

export function deliveryMeta(id: string, headers: IncomingHeaders): DeliveryMeta {
  const attempt = attemptOf(getHeader(headers, ATTEMPT_HEADER));
  const isLastAttempt = flagOf(getHeader(headers, LAST_ATTEMPT_HEADER)?.toLowerCase());
  const url = getHeader(headers, DELIVERY_URL_HEADER);
  return {
    id,
    ...(attempt === undefined ? {} : { attempt }),
    ...(isLastAttempt === undefined ? {} : { isLastAttempt }),
    ...(url === undefined ? {} : { url }),
  };
}

/** What every instant trigger's item adds; Zapier flattens `delivery` with `__`. */
export const deliveryOutputFields = [
  { key: 'delivery__id', label: 'Delivery ID (idempotency key)', type: 'string' },
  { key: 'delivery__attempt', label: 'Delivery Attempt', type: 'integer' },
  { key: 'delivery__isLastAttempt', label: 'Is Last Delivery Attempt', type: 'boolean' },
  { key: 'delivery__url', label: 'Delivery Log URL', type: 'string' },
] satisfies OutputFields;

/** The delivery of the trigger samples (no real delivery exists for them). */
export const sampleDelivery = {
  id: 'dlv_0b8e3c52',
  attempt: 1,
  isLastAttempt: false,
  url: 'https://relay.example.com/api/deliveries/dlv_0b8e3c52',
} satisfies DeliveryMeta;
