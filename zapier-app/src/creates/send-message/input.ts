import { defineInputFields, type InferInputData } from 'zapier-platform-core';
import { connectionField } from '../../fields/connection.js';

/** What any step that sends a message asks for. */
export const messageInputFields = defineInputFields([
  connectionField,
  {
    key: 'message',
    label: 'Message',
    type: 'text',
    required: true,
    helpText: 'What the user says to the chatbot.',
  },
  {
    key: 'userId',
    label: 'User ID',
    type: 'string',
    helpText:
      'Identifies the person talking, e.g. an email or a CRM contact id. Messages with the same User ID continue one conversation.',
  },
  {
    key: 'metadata',
    label: 'Metadata',
    dict: true,
    helpText: 'Key/value pairs stored with the message and echoed back with the AI reply.',
  },
]);

export type MessageInput = InferInputData<typeof messageInputFields>;

export const sendMessageInputFields = defineInputFields([
  ...messageInputFields,
  {
    key: 'wait',
    label: 'Wait for the AI Reply',
    type: 'boolean',
    default: 'false',
    helpText:
      "Yes returns the chatbot's reply in this step (up to about 25 seconds); if it takes longer the step returns the message ids with status `pending` and the reply still arrives through the New AI Response trigger. For replies of any length in this Zap run, use **Send Message and Wait for Reply** instead. No returns the ids at once with status `accepted`.",
  },
  {
    key: 'dedupeKey',
    label: 'Deduplication Key',
    type: 'string',
    helpText:
      "Optional: makes retried Zap runs safe. Map the id of the record that triggered the Zap (for example the trigger's **ID** field: a row, order, ticket or message id). When Zapier replays or retries this step for that record within 24 hours, FourthChat returns the first answer instead of a second AI reply. Leave it empty and every run sends its message, even the same text twice.",
  },
]);

export type SendMessageInput = InferInputData<typeof sendMessageInputFields>;
