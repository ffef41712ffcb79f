import { sign } from '../../../zapier-app/src/shared/index.js';
import { zapierRawRequest, type ZapierRawRequest } from './raw-request.js';

export interface DeliveryOptions {
  body: string;
  secret: string;
  now: Date;
  id?: string;
  /** Unsigned headers the relay adds, such as the attempt headers. */
  headers?: Readonly<Record<string, string>>;
}

/** A delivery signed the way the relay signs it, as Zapier's hook endpoint hands it over. */
export function signedDelivery({
  body,
  secret,
  now,
  id = 'dlv_1',
  headers = {},
}: DeliveryOptions): ZapierRawRequest {
  return zapierRawRequest(body, {
    'Content-Type': 'application/json',
    ...headers,
    ...sign({ secret, id, now, body }),
  });
}

/** The attempt headers of the relay's first attempt at delivery `id`, with retries left. */
export function firstAttemptHeaders(id: string): Record<string, string> {
  return {
    'X-Webhook-Attempt': '1',
    'X-Webhook-Last-Attempt': 'false',
    'X-Webhook-Delivery-Url': `https://relay.example.test/api/deliveries/${id}`,
  };
}
