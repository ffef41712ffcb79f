import { sign } from '../../../n8n-nodes/shared';
import type { PublishedTrigger } from './triggers';

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** A delivery signed the way the relay signs it, with the trigger's own secret unless told. */
export function signedDelivery(
  trigger: PublishedTrigger,
  payload: object,
  options: { secret?: string; sentAt?: Date; headers?: Record<string, string> } = {},
): Delivery {
  const body = JSON.stringify(payload);
  const secret = options.secret ?? String(trigger.staticData.secret);
  const headers = sign({ secret, id: 'dlv_1', now: options.sentAt ?? new Date(), body });
  return { body, headers: { 'content-type': 'application/json', ...headers, ...options.headers } };
}

/** POSTs a delivery to the trigger's production webhook URL; what it answered. */
export async function deliver(
  trigger: PublishedTrigger,
  delivery: Delivery,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(trigger.webhookUrl, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
