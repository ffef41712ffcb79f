import { FourthChatTrigger } from '../../../n8n-nodes/nodes/FourthChatTrigger/FourthChatTrigger.node';
import { generateSecret, sign } from '../../../n8n-nodes/shared';
import { webhookContext } from './contexts';

const trigger = new FourthChatTrigger();

/** The secret of the subscription every {@link deliver} call's trigger holds. */
export const SECRET = generateSecret();

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** A delivery signed the way the relay signs it. */
export function signedDelivery(
  payload: object,
  options: { secret?: string; sentAt?: Date } = {},
): Delivery {
  const body = JSON.stringify(payload);
  const headers = sign({
    secret: options.secret ?? SECRET,
    id: 'dlv_1',
    now: options.sentAt ?? new Date(),
    body,
  });
  return { body, headers: { 'content-type': 'application/json', ...headers } };
}

/** Hands a delivery to the trigger's webhook, set to `event` (unset: as saved before events). */
export async function deliver(
  delivery: Delivery,
  options: { includeTestEvents?: boolean; event?: string } = {},
) {
  const context = webhookContext({
    rawBody: Buffer.from(delivery.body),
    headers: delivery.headers,
    staticData: { subscriptionId: 'sub_1', secret: SECRET },
    parameters: {
      options: { includeTestEvents: options.includeTestEvents ?? false },
      ...(options.event === undefined ? {} : { event: options.event }),
    },
  });
  const result = await trigger.webhook.call(context.asN8n);
  return { result, response: context.response, logs: context.logs };
}

export type DeliveryOutcome = Awaited<ReturnType<typeof deliver>>;

export function expectRefused(outcome: DeliveryOutcome, code: string, statusCode = 401): void {
  expect(outcome.result).toEqual({ noWebhookResponse: true });
  expect(outcome.response).toEqual({
    statusCode,
    body: { error: { code, message: expect.any(String) } },
  });
}
