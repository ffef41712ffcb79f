import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import {
  isAcceptedMessage,
  isIncomingMessageRequest,
  isOutgoingPayload,
  isTestPayload,
  validateIncomingMessageRequest,
} from '@fourthchat/shared';

// The spec's own examples.
const incoming = {
  connectionId: 'your-connection-id',
  message: 'Hello, I need help!',
  userId: 'user-123',
  metadata: { name: 'John Doe', email: 'john@example.com' },
};
const outgoing = {
  connectionId: 'your-connection-id',
  conversationId: 'conv-123',
  message: { id: 'msg-1', role: 'assistant', content: 'Hello John! How can I help you today?' },
  userId: 'user-123',
  timestamp: '2024-01-15T10:30:00Z',
  metadata: {},
};
const testPayload = {
  test: true,
  message: 'This is a test webhook from your chatbot!',
  timestamp: '2024-01-15T10:30:00Z',
  connectionId: 'your-connection-id',
  connectionName: 'My Webhook',
};
const accepted = {
  status: 'accepted',
  connectionId: 'conn',
  conversationId: 'conv',
  messageId: 'msg',
};

class NotPlain {
  readonly name = 'x';
}

describe('incoming message request', () => {
  it("accepts the spec's example, the minimal form and unknown extra fields", () => {
    expect(isIncomingMessageRequest(incoming)).toBe(true);
    expect(isIncomingMessageRequest({ connectionId: 'c', message: 'hi' })).toBe(true);
    expect(isIncomingMessageRequest({ ...incoming, channel: 'sms' })).toBe(true);
  });

  it('accepts objects from another realm and without a prototype', () => {
    expect(
      isIncomingMessageRequest(runInNewContext('({ connectionId: "c", message: "hi" })')),
    ).toBe(true);
    expect(
      isIncomingMessageRequest({
        ...incoming,
        metadata: Object.assign(Object.create(null), { a: 1 }),
      }),
    ).toBe(true);
  });

  it.each([
    ['null', null, undefined],
    ['an array', [incoming], undefined],
    ['a string', JSON.stringify(incoming), undefined],
    ['a class instance', new NotPlain(), undefined],
    ['no connectionId', { message: 'hi' }, 'connectionId'],
    ['an empty connectionId', { ...incoming, connectionId: '' }, 'connectionId'],
    ['a numeric connectionId', { ...incoming, connectionId: 7 }, 'connectionId'],
    ['no message', { connectionId: 'c' }, 'message'],
    ['a blank message', { ...incoming, message: '  ' }, 'message'],
    ['an object message', { ...incoming, message: { text: 'hi' } }, 'message'],
    ['a numeric userId', { ...incoming, userId: 123 }, 'userId'],
    ['a null userId', { ...incoming, userId: null }, 'userId'],
    ['an empty userId', { ...incoming, userId: '' }, 'userId'],
    ['array metadata', { ...incoming, metadata: ['a'] }, 'metadata'],
    ['string metadata', { ...incoming, metadata: 'a' }, 'metadata'],
    ['null metadata', { ...incoming, metadata: null }, 'metadata'],
  ])('refuses %s and names the field', (_label, value, field) => {
    expect(isIncomingMessageRequest(value)).toBe(false);
    const issue = validateIncomingMessageRequest(value);
    expect(issue?.field).toBe(field);
    expect(issue?.message).toEqual(expect.any(String));
  });

  it('reports no issue for a valid request', () => {
    expect(validateIncomingMessageRequest(incoming)).toBeUndefined();
  });
});

describe('outgoing payload', () => {
  it("accepts the spec's format, with or without userId", () => {
    const anonymous: Record<string, unknown> = { ...outgoing };
    delete anonymous.userId;
    expect(isOutgoingPayload(outgoing)).toBe(true);
    expect(isOutgoingPayload(anonymous)).toBe(true);
    expect(isOutgoingPayload({ ...outgoing, timestamp: '2024-01-15T10:30:00.123+02:00' })).toBe(
      true,
    );
  });

  it.each([
    ['null', null],
    ['no connectionId', { ...outgoing, connectionId: undefined }],
    ['no conversationId', { ...outgoing, conversationId: '' }],
    ['a user role', { ...outgoing, message: { ...outgoing.message, role: 'user' } }],
    ['no message id', { ...outgoing, message: { role: 'assistant', content: 'x' } }],
    ['numeric content', { ...outgoing, message: { ...outgoing.message, content: 1 } }],
    ['a string message', { ...outgoing, message: 'Hello' }],
    ['a numeric userId', { ...outgoing, userId: 5 }],
    ['no timestamp', { ...outgoing, timestamp: undefined }],
    ['a date-only timestamp', { ...outgoing, timestamp: '2024-01-15' }],
    ['an impossible timestamp', { ...outgoing, timestamp: '2024-13-45T10:30:00Z' }],
    ['no metadata', { ...outgoing, metadata: undefined }],
    ['array metadata', { ...outgoing, metadata: [] }],
    ['a test payload', testPayload],
  ])('refuses %s', (_label, value) => {
    expect(isOutgoingPayload(value)).toBe(false);
  });
});

describe('test payload', () => {
  it("accepts the spec's test payload", () => {
    expect(isTestPayload(testPayload)).toBe(true);
  });

  it.each([
    ['test: "true"', { ...testPayload, test: 'true' }],
    ['test: false', { ...testPayload, test: false }],
    ['no message', { ...testPayload, message: undefined }],
    ['a bad timestamp', { ...testPayload, timestamp: 'yesterday' }],
    ['no connectionId', { ...testPayload, connectionId: '' }],
    ['no connectionName', { ...testPayload, connectionName: undefined }],
    ['an outgoing payload', outgoing],
    ['an array', [testPayload]],
  ])('refuses %s', (_label, value) => {
    expect(isTestPayload(value)).toBe(false);
  });
});

describe('accepted message', () => {
  it('accepts the 202 answer', () => {
    expect(isAcceptedMessage(accepted)).toBe(true);
  });

  it.each([
    ['another status', { ...accepted, status: 'queued' }],
    ['no messageId', { ...accepted, messageId: undefined }],
    ['an outgoing payload', outgoing],
  ])('refuses %s', (_label, value) => {
    expect(isAcceptedMessage(value)).toBe(false);
  });
});
