import { defineSearch } from 'zapier-platform-core';
import { conversationOutputFields, conversationSample } from '../../conversations/fields.js';
import { findConversationInputFields, perform } from './perform.js';

export const findConversation = defineSearch({
  key: 'findConversation',
  noun: 'Conversation',
  display: {
    label: 'Find Conversation',
    description: "Finds a user's conversation with the chatbot on a connection, with its messages.",
  },
  operation: {
    inputFields: findConversationInputFields,
    perform,
    sample: conversationSample,
    outputFields: conversationOutputFields,
  },
});
