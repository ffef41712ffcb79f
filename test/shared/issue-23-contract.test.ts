// The contract pieces the n8n and Zapier packages build on: the two new events and their guard,
// the delivery metadata headers, the callback fields of the ingress, the last-attempt rule.
import { describe, expect, it } from '@jest/globals';
import {
  deliveryInfo,
  EVENT_TYPES,
  isLastAttempt,
  isRelayEvent,
  RESERVED_HEADERS,
  validateIncomingMessageRequest,
} from '@fourthchat/shared';

const envelope = { id: 'evt_1', connectionId: 'conn_1', timestamp: '2026-11-29T10:30:00Z' };
const removed = {
  ...envelope,
  type: 'subscription.removed',
  data: {
    subscription: { id: 'sub_1', targetUrl: 'https://hooks.zapier.com/1' },
    reason: 'expired',
    heldDeliveries: 3,
  },
};
const failed = {
  ...envelope,
  type: 'message.failed',
  data: { messageId: 'msg_1', conversationId: 'conv_1', reason: 'AI provider error 503' },
};

describe('events', () => {
  it('knows the two new types', () => {
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(['subscription.removed', 'message.failed']));
  });

  it('accepts subscription.removed and message.failed, which are about no target', () => {
    expect(isRelayEvent(removed)).toBe(true);
    expect(isRelayEvent(failed)).toBe(true);
    expect(isRelayEvent({ ...failed, data: { ...failed.data, userId: 'u-1' } })).toBe(true);
  });

  it.each([
    [
      'a removal without its subscription',
      { ...removed, data: { ...removed.data, subscription: null } },
    ],
    [
      'a removal with an unknown reason',
      { ...removed, data: { ...removed.data, reason: 'tired' } },
    ],
    ['a failure without its message', { ...failed, data: { ...failed.data, messageId: '' } }],
    ['a failure without its conversation', { ...failed, data: { reason: 'x', messageId: 'm' } }],
    [
      'a target event without its target',
      { ...envelope, type: 'target.resumed', data: { by: 'subscribe' } },
    ],
  ])('refuses %s', (_label, value) => {
    expect(isRelayEvent(value)).toBe(false);
  });
});

describe('delivery metadata headers', () => {
  it('reads id, attempt, last attempt and URL, whatever the case', () => {
    expect(
      deliveryInfo({
        'x-webhook-id': 'dlv_1',
        'X-Webhook-Attempt': '4',
        'x-webhook-last-attempt': 'true',
        'x-webhook-delivery-url': 'https://relay.example.com/api/deliveries/dlv_1',
      }),
    ).toEqual({
      id: 'dlv_1',
      attempt: 4,
      isLastAttempt: true,
      url: 'https://relay.example.com/api/deliveries/dlv_1',
    });
  });

  it('reads an older relay (id only) as a first attempt with retries to come', () => {
    expect(deliveryInfo({ 'webhook-id': 'dlv_2' })).toEqual({
      id: 'dlv_2',
      attempt: 1,
      isLastAttempt: false,
    });
    expect(deliveryInfo({ 'x-webhook-id': 'dlv_3', 'x-webhook-attempt': 'x' })?.attempt).toBe(1);
    expect(deliveryInfo({})).toBeUndefined();
  });

  it('are reserved: no custom header can replace them', () => {
    expect(RESERVED_HEADERS).toEqual(
      expect.arrayContaining([
        'x-webhook-attempt',
        'x-webhook-last-attempt',
        'x-webhook-delivery-url',
      ]),
    );
  });
});

describe('isLastAttempt', () => {
  it('is the attempt after which the schedule has no retry', () => {
    const schedule = [30_000, 120_000];
    expect([1, 2, 3].map((attempt) => isLastAttempt(attempt, schedule))).toEqual([
      false,
      false,
      true,
    ]);
    expect(isLastAttempt(1, [])).toBe(true);
  });
});

describe('callback fields of the ingress', () => {
  const base = { connectionId: 'c', message: 'hi' };

  it('accepts an http(s) callbackUrl and a callbackSecret', () => {
    expect(
      validateIncomingMessageRequest({
        ...base,
        callbackUrl: 'https://n8n.example.com/webhook-waiting/1',
        callbackSecret: 'whsec_c2VjcmV0',
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ callbackUrl: 'ftp://example.com/x' }, 'callbackUrl'],
    [{ callbackUrl: 'not a url' }, 'callbackUrl'],
    [{ callbackUrl: 42 }, 'callbackUrl'],
    [{ callbackSecret: '' }, 'callbackSecret'],
  ])('refuses %j naming %s', (extra, field) => {
    expect(validateIncomingMessageRequest({ ...base, ...extra })?.field).toBe(field);
  });
});
