import type { OutputFields } from 'zapier-platform-core';
import { deliveryInfo, type DeliveryInfo, type IncomingHeaders } from '../../shared/index.js';

/**
 * Which delivery started the run: the relay's delivery headers as shared's deliveryInfo reads
 * them (a relay from before them: attempt 1, not last, no URL), with `id` the signed delivery id
 * (the verified Standard Webhooks id, not the unsigned X-Webhook-Id beside it).
 */
export function deliveryMeta(signedId: string, headers: IncomingHeaders): DeliveryInfo {
  return { attempt: 1, isLastAttempt: false, ...deliveryInfo(headers), id: signedId };
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
} satisfies DeliveryInfo;
