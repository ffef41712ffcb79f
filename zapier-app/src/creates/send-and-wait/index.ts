import { defineCreate } from 'zapier-platform-core';
import { replyOutputFields, replySample } from '../../fields/reply.js';
import { messageInputFields } from '../send-message/input.js';
import { perform } from './perform.js';
import { performResume } from './resume.js';

export const sendMessageAndWait = defineCreate({
  key: 'sendMessageAndWait',
  noun: 'Reply',
  display: {
    label: 'Send Message and Wait for Reply',
    description:
      'Sends a message to the chatbot and continues the Zap with its AI reply, however long the reply takes (Zapier waits up to 30 days).',
  },
  operation: {
    inputFields: messageInputFields,
    perform,
    performResume,
    sample: { ...replySample, status: 'replied', messageId: 'msg_1a2b3c4d' },
    outputFields: [
      // `replied`; in the Zap editor's test also `pending` (no reply within the test's 25 s).
      { key: 'status', label: 'Status', type: 'string' },
      { key: 'messageId', label: 'Message ID', type: 'string' },
      ...replyOutputFields,
    ],
  },
});
