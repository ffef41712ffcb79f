import { defineCreate } from 'zapier-platform-core';
import { conversationOutputFields, conversationSample } from '../../conversations/fields.js';
import { getConversationInputFields, perform } from './perform.js';

/** An action rather than a search: the id comes from an earlier step, so "not found" is an error. */
export const getConversation = defineCreate({
  key: 'getConversation',
  noun: 'Conversation',
  display: {
    label: 'Get Conversation',
    description:
      "Gets a conversation's messages, oldest first, as far back as the relay keeps them, with the whole exchange as text.",
  },
  operation: {
    inputFields: getConversationInputFields,
    perform,
    sample: conversationSample,
    outputFields: conversationOutputFields,
  },
});
