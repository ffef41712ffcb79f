import { defineSearch } from 'zapier-platform-core';
import { replyOutputFields, replySample } from '../../fields/reply.js';
import { findReplyInputFields, perform } from './perform.js';

export const findReply = defineSearch({
  key: 'findReply',
  noun: 'Reply',
  display: {
    label: 'Find Reply',
    description:
      "Finds the chatbot's reply to a message sent earlier, or tells whether it is still pending or failed.",
  },
  operation: {
    inputFields: findReplyInputFields,
    perform,
    sample: {
      ...replySample,
      id: 'msg_1a2b3c4d',
      messageId: 'msg_1a2b3c4d',
      status: 'replied',
    },
    outputFields: [
      { key: 'id', label: 'Message ID', type: 'string' },
      // `replied`, `pending` (no reply yet) or `failed` (see Error).
      { key: 'status', label: 'Status', type: 'string' },
      ...replyOutputFields,
      { key: 'error', label: 'Error', type: 'string' },
    ],
  },
});
