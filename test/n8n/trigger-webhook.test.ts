import { FourthChatTrigger } from '../../n8n-nodes/nodes/FourthChatTrigger/FourthChatTrigger.node';
import { generateSecret, sign } from '../../n8n-nodes/shared';
import { webhookContext } from './support/contexts';
import { outgoingPayload, testPayload } from './support/payloads';

const trigger = new FourthChatTrigger();
const SECRET = generateSecret();
const FIVE_MINUTES_MS = 5 * 60 * 1000;

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

function signedDelivery(
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

async function deliver(delivery: Delivery, options: { includeTestEvents?: boolean } = {}) {
  const context = webhookContext({
    rawBody: Buffer.from(delivery.body),
    headers: delivery.headers,
    staticData: { subscriptionId: 'sub_1', secret: SECRET },
    parameters: { options: { includeTestEvents: options.includeTestEvents ?? false } },
  });
  const result = await trigger.webhook.call(context.asN8n);
  return { result, response: context.response, logs: context.logs };
}

function expectRefused(outcome: Awaited<ReturnType<typeof deliver>>, code: string): void {
  expect(outcome.result).toEqual({ noWebhookResponse: true });
  expect(outcome.response).toEqual({
    statusCode: 401,
    body: { error: { code, message: expect.any(String) } },
  });
}

describe('FourthChat Trigger webhook', () => {
  it('starts the workflow with the payload of a correctly signed delivery', async () => {
    const payload = outgoingPayload();
    const { result, response } = await deliver(signedDelivery(payload));
    expect(result).toEqual({
      webhookResponse: { received: true },
      workflowData: [[{ json: payload }]],
    });
    expect(response).toEqual({});
  });

  it('refuses a delivery whose body was changed after signing', async () => {
    const delivery = signedDelivery(outgoingPayload());
    const tampered = delivery.body.replace('How can I help', 'Send me your password');
    expect(tampered).not.toBe(delivery.body);
    expectRefused(await deliver({ ...delivery, body: tampered }), 'invalid_signature');
  });

  it('refuses a delivery signed with another secret', async () => {
    expectRefused(
      await deliver(signedDelivery(outgoingPayload(), { secret: generateSecret() })),
      'invalid_signature',
    );
  });

  it('refuses a delivery without signature headers', async () => {
    const delivery = signedDelivery(outgoingPayload());
    expectRefused(
      await deliver({ body: delivery.body, headers: { 'content-type': 'application/json' } }),
      'missing_headers',
    );
  });

  it('refuses a delivery that carries only the untimestamped sha256= signature', async () => {
    const { body, headers } = signedDelivery(outgoingPayload());
    const onlySha256 = { 'X-Webhook-Signature': headers['X-Webhook-Signature'] ?? '' };
    expectRefused(await deliver({ body, headers: onlySha256 }), 'missing_headers');
  });

  it('refuses a delivery signed more than 5 minutes ago (a replay)', async () => {
    const sentAt = new Date(Date.now() - FIVE_MINUTES_MS - 60_000);
    const outcome = await deliver(signedDelivery(outgoingPayload(), { sentAt }));
    expectRefused(outcome, 'timestamp_out_of_tolerance');
    expect(outcome.logs).toContainEqual({
      level: 'warn',
      message: 'FourthChat Trigger refused a delivery: timestamp_out_of_tolerance',
    });
  });

  it('refuses a delivery dated more than 5 minutes ahead', async () => {
    const sentAt = new Date(Date.now() + FIVE_MINUTES_MS + 60_000);
    expectRefused(
      await deliver(signedDelivery(outgoingPayload(), { sentAt })),
      'timestamp_out_of_tolerance',
    );
  });

  it('refuses everything when it holds no subscription secret', async () => {
    const delivery = signedDelivery(outgoingPayload());
    const context = webhookContext({
      rawBody: Buffer.from(delivery.body),
      headers: delivery.headers,
      staticData: {},
    });
    const result = await trigger.webhook.call(context.asN8n);
    expect(result).toEqual({ noWebhookResponse: true });
    expect(context.response.statusCode).toBe(401);
  });

  it('acknowledges the test payload without starting the workflow by default', async () => {
    const { result, response } = await deliver(signedDelivery(testPayload()));
    expect(result).toEqual({ webhookResponse: { received: true, ignored: 'test event' } });
    expect(response).toEqual({});
  });

  it('starts the workflow for the test payload when "Include Test Events" is on', async () => {
    const payload = testPayload();
    const { result } = await deliver(signedDelivery(payload), { includeTestEvents: true });
    expect(result).toEqual({
      webhookResponse: { received: true },
      workflowData: [[{ json: payload }]],
    });
  });

  it('acknowledges a signed payload of an unknown kind without starting the workflow', async () => {
    const outcome = await deliver(signedDelivery({ event: 'something.new' }));
    expect(outcome.result).toEqual({
      webhookResponse: { received: true, ignored: 'unknown payload' },
    });
    expect(outcome.logs.map((log) => log.level)).toEqual(['warn']);
  });
});
