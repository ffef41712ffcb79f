import { defineInputFields, type CreatePerform, type InferInputData } from 'zapier-platform-core';
import { fetchConversation } from '../../conversations/fetch.js';
import type { ConversationItem } from '../../conversations/item.js';

export const getConversationInputFields = defineInputFields([
  {
    key: 'conversationId',
    label: 'Conversation ID',
    required: true,
    helpText:
      'The conversation to read, e.g. the **Conversation ID** of a New AI Response or Send Message step.',
  },
]);

export const perform: CreatePerform<
  InferInputData<typeof getConversationInputFields>,
  ConversationItem
> = (z, bundle) => fetchConversation(z, bundle.authData, bundle.inputData.conversationId);
