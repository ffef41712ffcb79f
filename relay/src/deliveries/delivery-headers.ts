import {
  ATTEMPT_HEADER,
  DELIVERY_URL_HEADER,
  EVENT_HEADER,
  LAST_ATTEMPT_HEADER,
  isLastAttempt,
  sign,
} from '@fourthchat/shared';
import type { Delivery } from '../model/delivery.js';
import type { Target } from './signing-secrets.js';

const USER_AGENT = 'FourthChat-Relay/0.1 (+webhooks)';

/**
 * The headers of one attempt. Custom headers first, so the signature, event, delivery and
 * content headers always win over them. The body is not touched: the metadata is in headers.
 */
export function deliveryHeaders(input: {
  target: Target;
  delivery: Pick<Delivery, 'id' | 'kind' | 'event' | 'body' | 'attemptCount' | 'cycleStart'>;
  retryScheduleMs: readonly number[];
  /** The delivery in the relay's API. */
  deliveryUrl: string;
  now: Date;
}): Record<string, string> {
  const { delivery } = input;
  const headers: Record<string, string> = {};
  for (const { name, value } of input.target.customHeaders) headers[name.toLowerCase()] = value;
  const signed = sign({
    secret: input.target.secret,
    previousSecrets: input.target.previousSecrets,
    id: delivery.id,
    now: input.now,
    body: delivery.body,
  });
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  headers[EVENT_HEADER.toLowerCase()] = delivery.event;
  headers[ATTEMPT_HEADER.toLowerCase()] = String(delivery.attemptCount + 1);
  // Tests are one-off; the others retry on the schedule, counted from the last redeliver.
  const last =
    delivery.kind === 'test' ||
    isLastAttempt(delivery.attemptCount + 1 - delivery.cycleStart, input.retryScheduleMs);
  headers[LAST_ATTEMPT_HEADER.toLowerCase()] = String(last);
  headers[DELIVERY_URL_HEADER.toLowerCase()] = input.deliveryUrl;
  headers['content-type'] = 'application/json';
  headers['user-agent'] = USER_AGENT;
  return headers;
}
