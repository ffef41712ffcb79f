import { isIsoTimestamp, isNonEmptyString, isPlainObject } from './json.js';

/** The AI reply as delivered to the webhook URL and to every subscription (the spec's format). */
export interface OutgoingPayload {
  connectionId: string;
  conversationId: string;
  message: { id: string; role: 'assistant'; content: string };
  userId?: string;
  /** ISO 8601. */
  timestamp: string;
  /** The incoming request's metadata, echoed back; `{}` when there was none. */
  metadata: Record<string, unknown>;
}

function isAssistantMessage(value: unknown): value is OutgoingPayload['message'] {
  return (
    isPlainObject(value) &&
    isNonEmptyString(value.id) &&
    value.role === 'assistant' &&
    typeof value.content === 'string'
  );
}

export function isOutgoingPayload(value: unknown): value is OutgoingPayload {
  return (
    isPlainObject(value) &&
    isNonEmptyString(value.connectionId) &&
    isNonEmptyString(value.conversationId) &&
    isAssistantMessage(value.message) &&
    (value.userId === undefined || isNonEmptyString(value.userId)) &&
    isIsoTimestamp(value.timestamp) &&
    isPlainObject(value.metadata)
  );
}
