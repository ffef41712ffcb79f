import type { AcceptedMessage, OutgoingPayload, TestPayload } from '../../../n8n-nodes/shared';

export const CONNECTION_ID = 'conn_1';

export function outgoingPayload(overrides: Partial<OutgoingPayload> = {}): OutgoingPayload {
  return {
    connectionId: CONNECTION_ID,
    conversationId: 'conv_1',
    message: { id: 'msg_2', role: 'assistant', content: 'Hello John! How can I help you today?' },
    userId: 'user-123',
    timestamp: '2024-01-15T10:30:00Z',
    metadata: { name: 'John Doe' },
    ...overrides,
  };
}

export function acceptedMessage(): AcceptedMessage {
  return {
    status: 'accepted',
    connectionId: CONNECTION_ID,
    conversationId: 'conv_1',
    messageId: 'msg_1',
  };
}

export function testPayload(): TestPayload {
  return {
    test: true,
    message: 'This is a test webhook from your chatbot!',
    timestamp: '2024-01-15T10:30:00Z',
    connectionId: CONNECTION_ID,
    connectionName: 'My Webhook',
  };
}

/** The resource locator value n8n stores for a connection picked "By ID". */
export const connectionById = { __rl: true, mode: 'id', value: CONNECTION_ID };
