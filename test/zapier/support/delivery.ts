import { sign } from '../../../zapier-app/src/shared/index.js';
import { zapierRawRequest, type ZapierRawRequest } from './raw-request.js';

export interface DeliveryOptions {
  body: string;
  secret: string;
  now: Date;
  id?: string;
}

/** A delivery signed the way the relay signs it, as Zapier's hook endpoint hands it over. */
export function signedDelivery({
  body,
  secret,
  now,
  id = 'dlv_1',
}: DeliveryOptions): ZapierRawRequest {
  return zapierRawRequest(body, {
    'Content-Type': 'application/json',
    ...sign({ secret, id, now, body }),
  });
}
