import type { OutputFields } from 'zapier-platform-core';
import type { OutgoingPayload } from '../shared/index.js';

/** Output fields of an AI reply (the relay's outgoing payload); Zapier flattens `message` with `__`. */
export const replyOutputFields = [
  { key: 'connectionId', label: 'Connection ID', type: 'string' },
  { key: 'conversationId', label: 'Conversation ID', type: 'string' },
  { key: 'message__id', label: 'Reply Message ID', type: 'string' },
  { key: 'message__role', label: 'Reply Role', type: 'string' },
  { key: 'message__content', label: 'Reply Content', type: 'string' },
  { key: 'userId', label: 'User ID', type: 'string' },
  { key: 'timestamp', label: 'Replied At', type: 'datetime' },
] satisfies OutputFields;

export const replySample = {
  connectionId: 'conn_5f1c2a9e',
  conversationId: 'conv_81d0b7c4',
  message: {
    id: 'msg_3b9e61f0',
    role: 'assistant',
    content: 'Hello John! How can I help you today?',
  },
  userId: 'user-123',
  timestamp: '2024-01-15T10:30:00Z',
  metadata: { name: 'John Doe', email: 'john@example.com' },
} satisfies OutgoingPayload;
