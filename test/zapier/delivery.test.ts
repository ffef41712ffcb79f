import { describe, expect, it } from '@jest/globals';
import { generateSecret } from '../../zapier-app/src/shared/index.js';
import { deliveryOutcome as outcomeOf } from '../../zapier-app/src/triggers/hook/outcome.js';
import { replyItem } from '../../zapier-app/src/triggers/new-ai-response/item.js';
import { signedDelivery } from './support/delivery.js';
import { reply, testPayload } from './support/payloads.js';

const now = new Date('2024-01-15T10:30:00Z');
const secondsLater = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const secret = generateSecret();
const subscribeData = { id: 'sub_1', secret };
const body = JSON.stringify(reply);
const deliveryOutcome = (rawRequest: Parameters<typeof outcomeOf>[0], data: object, at: Date) =>
  outcomeOf(rawRequest, data, at, replyItem);

describe('deliveryOutcome (why a delivery starts a run or not)', () => {
  it('yields the reply for a delivery signed with the subscription secret', () => {
    const outcome = deliveryOutcome(signedDelivery({ body, secret, now }), subscribeData, now);

    expect(outcome).toEqual({ items: [{ ...reply, id: reply.message.id }] });
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
