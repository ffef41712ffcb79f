import { createHmac } from 'node:crypto';
import type { IDataObject, INode } from 'n8n-workflow';
import { isNonEmptyString, isPlainObject, type AcceptedMessage } from '../../../../shared';
import { replyNotReady, type ReplyWait } from './replyWait';

/**
 * The item a Send that waits past the sync window leaves on its execution: what the node gives
 * when the timeout ends (the error, or the accepted IDs), and what its callback is checked
 * against. `idempotencyKey` names the wait: the callback secret is derived from it.
 */
export interface WaitingItem extends IDataObject {
  connectionId: string;
  conversationId: string;
  messageId: string;
  idempotencyKey: string;
}

export function waitingItem(
  node: INode,
  accepted: AcceptedMessage,
  wait: ReplyWait,
  idempotencyKey: string,
): WaitingItem {
  const { connectionId, conversationId, messageId } = accepted;
  const ids = { connectionId, conversationId, messageId, idempotencyKey };
  if (wait.onTimeout === 'returnAccepted') return { status: 'accepted', ...ids };
  const error = replyNotReady(node, accepted, wait, 0);
  return { error: error.message, description: error.description ?? null, ...ids };
}

export function isWaitingItem(value: unknown): value is WaitingItem {
  return (
    isPlainObject(value) &&
    isNonEmptyString(value.connectionId) &&
    isNonEmptyString(value.conversationId) &&
    isNonEmptyString(value.messageId) &&
    isNonEmptyString(value.idempotencyKey)
  );
}

const CALLBACK_CONTEXT = 'fourthchat-n8n-callback';

/**
 * The secret the relay signs one wait's callback with. Derived, not stored, so the webhook that
 * the callback resumes derives it again; keyed by the API key (which only this n8n and the relay
 * know) and bound to the execution and the wait's Idempotency-Key, so the late callback of an
 * earlier wait (one that timed out, in a loop) never verifies for a later one.
 */
export function callbackSecret(
  apiKey: string,
  executionId: string,
  idempotencyKey: string,
): string {
  const digest = createHmac('sha256', apiKey)
    .update(JSON.stringify([CALLBACK_CONTEXT, executionId, idempotencyKey]))
    .digest('base64');
  return `whsec_${digest}`;
}
