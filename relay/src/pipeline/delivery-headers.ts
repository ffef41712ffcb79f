import { EVENT_HEADER, sign, type EventType } from '@fourthchat/shared';
import type { Target } from './signing-secrets.js';

const USER_AGENT = 'FourthChat-Relay/0.1 (+webhooks)';

/** Custom headers first, so the signature, event and content headers always win over them. */
export function deliveryHeaders(input: {
  target: Target;
  deliveryId: string;
  event: EventType;
  body: string;
  now: Date;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { name, value } of input.target.customHeaders) headers[name.toLowerCase()] = value;
  const signed = sign({
    secret: input.target.secret,
    previousSecrets: input.target.previousSecrets,
    id: input.deliveryId,
    now: input.now,
    body: input.body,
  });
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  headers[EVENT_HEADER.toLowerCase()] = input.event;
  headers['content-type'] = 'application/json';
  headers['user-agent'] = USER_AGENT;
  return headers;
}
