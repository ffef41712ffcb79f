import { describe, expect, it } from '@jest/globals';
import { generateSecret } from '../../zapier-app/src/shared/index.js';
import { deliveryOutcome as outcomeOf } from '../../zapier-app/src/triggers/hook/outcome.js';
import { replyItem } from '../../zapier-app/src/triggers/new-ai-response/item.js';
import { firstAttemptHeaders, signedDelivery } from './support/delivery.js';
import { reply, testPayload } from './support/payloads.js';

const now = new Date('2024-01-15T10:30:00Z');
const secondsLater = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const secret = generateSecret();
const subscribeData = { id: 'sub_1', secret };
const body = JSON.stringify(reply);
const deliveryOutcome = (rawRequest: Parameters<typeof outcomeOf>[0], data: object, at: Date) =>
  outcomeOf(rawRequest, data, at, replyItem);

describe('deliveryOutcome (why a delivery starts a run or not)', () => {
  it('yields the reply with its delivery for a delivery signed with the subscription secret', () => {
    const headers = firstAttemptHeaders('dlv_7');
    const delivery = signedDelivery({ body, secret, now, id: 'dlv_7', headers });

    expect(deliveryOutcome(delivery, subscribeData, now)).toEqual({
      items: [
        {
          ...reply,
          id: reply.message.id,
          delivery: {
            id: 'dlv_7',
            attempt: 1,
            isLastAttempt: false,
            url: 'https://relay.example.test/api/deliveries/dlv_7',
          },
        },
      ],
    });
  });

  it('reads the last attempt, and takes a relay without attempt headers as a first attempt', () => {
    const last = signedDelivery({
      body,
      secret,
      now,
      headers: { 'X-Webhook-Attempt': '4', 'X-Webhook-Last-Attempt': 'true' },
    });
    const bare = signedDelivery({ body, secret, now, id: 'dlv_2' });
    const garbled = signedDelivery({
      body,
      secret,
      now,
      headers: { 'X-Webhook-Attempt': 'first', 'X-Webhook-Last-Attempt': 'maybe' },
    });

    expect(deliveryOutcome(last, subscribeData, now).items[0]?.delivery).toEqual({
      id: 'dlv_1',
      attempt: 4,
      isLastAttempt: true,
    });
    const firstAttempt = { attempt: 1, isLastAttempt: false };
    expect(deliveryOutcome(bare, subscribeData, now).items[0]?.delivery).toEqual({
      id: 'dlv_2',
      ...firstAttempt,
    });
    expect(deliveryOutcome(garbled, subscribeData, now).items[0]?.delivery).toEqual({
      id: 'dlv_1',
      ...firstAttempt,
    });
  });

  it('takes the delivery id from the signed header, not from an unsigned one', () => {
    const delivery = signedDelivery({ body, secret, now, id: 'dlv_signed' });
    const relabelled = {
      ...delivery,
      headers: { ...delivery.headers, 'Http-X-Webhook-Id': 'dlv_forged' },
    };

    expect(deliveryOutcome(relabelled, subscribeData, now).items[0]?.delivery.id).toBe(
      'dlv_signed',
    );
  });

  it.each([
    [
      'a tampered body',
      { ...signedDelivery({ body, secret, now }), content: `${body} ` },
      'invalid_signature',
    ],
    [
      'another secret',
      signedDelivery({ body, secret: generateSecret(), now }),
      'invalid_signature',
    ],
    ['no headers', { content: body, headers: {} }, 'missing_headers'],
    ['no raw request at all', undefined, 'missing_headers'],
  ])('refuses %s as %s', (_label, rawRequest, reason) => {
    expect(deliveryOutcome(rawRequest, subscribeData, now)).toEqual({ items: [], skipped: reason });
  });

  it('allows 5 minutes of clock difference either way, and no more', () => {
    const delivery = signedDelivery({ body, secret, now });

    expect(deliveryOutcome(delivery, subscribeData, secondsLater(300)).items).toHaveLength(1);
    expect(deliveryOutcome(delivery, subscribeData, secondsLater(-300)).items).toHaveLength(1);
    expect(deliveryOutcome(delivery, subscribeData, secondsLater(301))).toEqual({
      items: [],
      skipped: 'timestamp_out_of_tolerance',
    });
    expect(deliveryOutcome(delivery, subscribeData, secondsLater(-301))).toEqual({
      items: [],
      skipped: 'timestamp_out_of_tolerance',
    });
  });

  it('refuses a signed test payload, which is not an AI reply', () => {
    const delivery = signedDelivery({ body: JSON.stringify(testPayload), secret, now });

    expect(deliveryOutcome(delivery, subscribeData, now)).toEqual({
      items: [],
      skipped: 'test_payload',
    });
  });

  it('tells unreadable bodies from other JSON', () => {
    const garbled = signedDelivery({ body: '{"connectionId":', secret, now });
    const other = signedDelivery({ body: '{"event":"ping"}', secret, now });

    expect(deliveryOutcome(garbled, subscribeData, now)).toEqual({
      items: [],
      skipped: 'invalid_json',
    });
    expect(deliveryOutcome(other, subscribeData, now)).toEqual({
      items: [],
      skipped: 'unexpected_payload',
    });
  });

  it('refuses everything when Zapier kept no secret for the subscription', () => {
    const delivery = signedDelivery({ body, secret, now });

    expect(deliveryOutcome(delivery, { id: 'sub_1' }, now)).toEqual({
      items: [],
      skipped: 'no_subscription_secret',
    });
  });
});
