import { isNonEmptyString, isPlainObject } from './json.js';
import { MESSAGE_MAX_LENGTH, messageTextProblem } from './message-text.js';

/** The spec's ingress body (`POST /api/webhooks/incoming`). */
export interface IncomingMessageRequest {
  connectionId: string;
  message: string;
  /** Same (connectionId, userId) continues one conversation; absent starts a new one. */
  userId?: string;
  /** Echoed back unchanged in the outgoing payload. */
  metadata?: Record<string, unknown>;
  /**
   * Where the reply (or its final failure, `message.failed`) is POSTed once, signed and retried
   * like any delivery; not sent when `?wait=true` answered with the reply. http(s) only.
   */
  callbackUrl?: string;
  /** Signs the callback (a `whsec_` secret or at least 8 characters); default: the connection's secret. */
  callbackSecret?: string;
}

/** Why a value is not a valid request; `field` is absent when the body as a whole is wrong. */
export interface FieldIssue {
  field?: string;
  message: string;
}

/**
 * The first problem of a would-be {@link IncomingMessageRequest}, or undefined when it is valid.
 * Unknown extra fields are tolerated so older servers accept newer clients.
 */
export function validateIncomingMessageRequest(value: unknown): FieldIssue | undefined {
  if (!isPlainObject(value)) return { message: 'body must be a JSON object' };
  if (!isNonEmptyString(value.connectionId)) {
    return { field: 'connectionId', message: 'connectionId must be a non-empty string' };
  }
  const messageProblem = messageTextProblem(value.message);
  if (messageProblem === 'too_long') {
    return {
      field: 'message',
      message: `message must be at most ${String(MESSAGE_MAX_LENGTH)} characters`,
    };
  }
  if (messageProblem !== undefined) {
    return { field: 'message', message: 'message must be a string with some non-blank text' };
  }
  if (value.userId !== undefined && !isNonEmptyString(value.userId)) {
    return { field: 'userId', message: 'userId must be a non-empty string when given' };
  }
  if (value.metadata !== undefined && !isPlainObject(value.metadata)) {
    return { field: 'metadata', message: 'metadata must be a JSON object when given' };
  }
  if (value.callbackUrl !== undefined && !isHttpUrl(value.callbackUrl)) {
    return { field: 'callbackUrl', message: 'callbackUrl must be an http(s) URL when given' };
  }
  if (value.callbackSecret !== undefined && !isNonEmptyString(value.callbackSecret)) {
    return { field: 'callbackSecret', message: 'callbackSecret must be a non-empty string' };
  }
  return undefined;
}

export function isIncomingMessageRequest(value: unknown): value is IncomingMessageRequest {
  return validateIncomingMessageRequest(value) === undefined;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
