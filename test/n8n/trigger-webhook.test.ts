import { FourthChatTrigger } from '../../n8n-nodes/nodes/FourthChatTrigger/FourthChatTrigger.node';
import { generateSecret } from '../../n8n-nodes/shared';
import { webhookContext } from './support/contexts';
import { deliver, expectRefused, signedDelivery } from './support/deliveries';
import { outgoingPayload, testPayload } from './support/payloads';

const trigger = new FourthChatTrigger();

const FIVE_MINUTES_MS = 5 * 60 * 1000;

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

  it('answers a signed payload of an unknown kind with 422 and starts nothing', async () => {
    const outcome = await deliver(signedDelivery({ event: 'something.new' }));
    expectRefused(outcome, 'unexpected_event', 422);
    expect(outcome.logs.map((log) => log.level)).toEqual(['warn']);
  });
});
