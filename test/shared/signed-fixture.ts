import { sign, type DeliveryHeaders, type VerifyInput } from '@fourthchat/shared';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const SENT_AT = new Date('2024-01-15T10:30:00.000Z');
export const DELIVERY_ID = 'dlv_2aJ3kQ';
export const BODY = JSON.stringify({
  connectionId: 'conn_1',
  conversationId: 'conv_1',
  message: { id: 'msg_1', role: 'assistant', content: 'Hello John! How can I help you today?' },
  userId: 'user-123',
  timestamp: '2024-01-15T10:30:00Z',
  metadata: { name: 'John Doe' },
});

/** One validly signed delivery, received at the moment it was sent; tests break one thing each. */
export function signedDelivery(overrides: Partial<VerifyInput> = {}): VerifyInput {
  const headers: DeliveryHeaders = sign({
    secret: SECRET,
    id: DELIVERY_ID,
    now: SENT_AT,
    body: BODY,
  });
  return { body: BODY, headers, secret: SECRET, now: SENT_AT, ...overrides };
}

/** The fixture's headers without the Standard Webhooks trio: what a spec-only sender sends. */
export function sha256OnlyHeaders(headers: VerifyInput['headers']): VerifyInput['headers'] {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.startsWith('webhook-')),
  );
}
