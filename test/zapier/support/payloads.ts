import type { OutgoingPayload, TestPayload } from '../../../zapier-app/src/shared/index.js';

export const reply: OutgoingPayload = {
  connectionId: 'conn_1',
  conversationId: 'conv_1',
  message: { id: 'msg_reply_1', role: 'assistant', content: 'Hello John! How can I help?' },
  userId: 'user-123',
  timestamp: '2024-01-15T10:30:00Z',
  metadata: { email: 'john@example.com' },
};

export const testPayload: TestPayload = {
  test: true,
  message: 'This is a test webhook from your chatbot!',
  timestamp: '2024-01-15T10:30:00Z',
  connectionId: 'conn_1',
  connectionName: 'My Webhook',
};
