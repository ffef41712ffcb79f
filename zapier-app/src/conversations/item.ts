import {
  isNonEmptyString,
  isPlainObject,
  type Conversation,
  type ConversationMessage,
} from '../shared/index.js';

/**
 * A conversation as Zapier steps give it: the relay's view plus what a Zap usually maps, which
 * line items make awkward: the message count, the last message, and the whole exchange as text.
 */
export type ConversationItem = Conversation & {
  messageCount: number;
  lastMessage?: ConversationMessage;
  transcript: string;
};

const SPEAKER = { user: 'User', assistant: 'Assistant' } as const;

/** What the transcript reads of a message: who said it, and what. */
function isMessage(value: unknown): value is ConversationMessage {
  return (
    isPlainObject(value) &&
    Object.hasOwn(SPEAKER, String(value.role)) &&
    typeof value.content === 'string'
  );
}

/** `GET /api/conversations/:id`, as far as the item reads it (the relay adds its retention window). */
export function isConversation(value: unknown): value is Conversation {
  if (!isPlainObject(value) || !isNonEmptyString(value.id)) return false;
  return Array.isArray(value.messages) && value.messages.every(isMessage);
}

/** "User: …" and "Assistant: …" paragraphs, oldest first; a reply still being written is left out. */
function transcriptOf(messages: readonly ConversationMessage[]): string {
  return messages
    .filter((message) => message.content !== '')
    .map((message) => `${SPEAKER[message.role]}: ${message.content}`)
    .join('\n\n');
}

export function toConversationItem<T extends Conversation>(conversation: T): T & ConversationItem {
  const lastMessage = conversation.messages.at(-1);
  return {
    ...conversation,
    messageCount: conversation.messages.length,
    ...(lastMessage === undefined ? {} : { lastMessage }),
    transcript: transcriptOf(conversation.messages),
  };
}
