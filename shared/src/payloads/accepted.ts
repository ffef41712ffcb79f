import { isNonEmptyString, isPlainObject } from './json.js';

/** The ingress's 202 answer: the message is stored and will be answered asynchronously. */
export interface AcceptedMessage {
  status: 'accepted';
  connectionId: string;
  conversationId: string;
  messageId: string;
}

export function isAcceptedMessage(value: unknown): value is AcceptedMessage {
  return (
    isPlainObject(value) &&
    value.status === 'accepted' &&
    isNonEmptyString(value.connectionId) &&
    isNonEmptyString(value.conversationId) &&
    isNonEmptyString(value.messageId)
  );
}
