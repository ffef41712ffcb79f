import type { OutputFields } from 'zapier-platform-core';
import type { Conversation } from '../shared/index.js';
import { toConversationItem } from './item.js';

/** Zapier flattens `lastMessage` with `__` and offers `messages` as line items. */
export const conversationOutputFields = [
  { key: 'id', label: 'Conversation ID', type: 'string' },
  { key: 'connectionId', label: 'Connection ID', type: 'string' },
  { key: 'userId', label: 'User ID', type: 'string' },
  { key: 'createdAt', label: 'Started At', type: 'datetime' },
  { key: 'messageCount', label: 'Message Count', type: 'integer' },
  { key: 'transcript', label: 'Transcript', type: 'string' },
  { key: 'lastMessage__role', label: 'Last Message Role', type: 'string' },
  { key: 'lastMessage__content', label: 'Last Message Content', type: 'string' },
  { key: 'lastMessage__status', label: 'Last Message Status', type: 'string' },
  { key: 'messages[]id', label: 'Message ID', type: 'string' },
  { key: 'messages[]role', label: 'Message Role', type: 'string' },
  { key: 'messages[]content', label: 'Message Content', type: 'string' },
  { key: 'messages[]status', label: 'Message Status', type: 'string' },
  { key: 'messages[]createdAt', label: 'Message Sent At', type: 'datetime' },
] satisfies OutputFields;

const sampleConversation = {
  id: 'conv_81d0b7c4',
  connectionId: 'conn_5f1c2a9e',
  userId: 'user-123',
  createdAt: '2024-01-15T10:29:58Z',
  messages: [
    {
      id: 'msg_1a2b3c4d',
      role: 'user',
      content: 'Hello, I need help!',
      status: 'completed',
      createdAt: '2024-01-15T10:29:58Z',
      metadata: { name: 'John Doe' },
    },
    {
      id: 'msg_3b9e61f0',
      role: 'assistant',
      content: 'Hello John! How can I help you today?',
      status: 'completed',
      createdAt: '2024-01-15T10:30:00Z',
    },
  ],
} satisfies Conversation;

// Spread into a plain record, the form Zapier's sample takes.
export const conversationSample: Record<string, unknown> = {
  ...toConversationItem(sampleConversation),
};
