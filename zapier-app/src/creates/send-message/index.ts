import { defineCreate } from 'zapier-platform-core';
import { replyOutputFields, replySample } from '../../fields/reply.js';
import { sendMessageInputFields } from './input.js';
import { perform } from './perform.js';

export const sendMessage = defineCreate({
  key: 'sendMessage',
  noun: 'Message',
  display: {
    label: 'Send Message',
    description: 'Sends a message to the chatbot and optionally waits for its AI reply.',
  },
  operation: {
    inputFields: sendMessageInputFields,
    perform,
    sample: { ...replySample, status: 'replied' },
    outputFields: [
      // `replied`, `accepted` (not waited for) or `pending` (no reply within the wait).
      { key: 'status', label: 'Status', type: 'string' },
      { key: 'messageId', label: 'Message ID', type: 'string' },
      ...replyOutputFields,
    ],
  },
});
