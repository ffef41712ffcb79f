import type {
  IDataObject,
  IWebhookDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { isOutgoingPayload, isRelayEvent } from '../../../../shared';
import { CREDENTIAL_TYPE, type FourthChatCredentials } from '../../../common/credentials';
import { isDataObject } from '../../../common/json';
import { readSignedRequest, refuse } from '../../../common/signedRequest';
import { callbackSecret, isWaitingItem, type WaitingItem } from './waitingItem';

/**
 * The resume URL of an execution that waits for a reply, where the relay's callback arrives: a
 * restart webhook, like those of n8n's Wait node and send-and-wait operations, which n8n serves
 * only for a waiting execution and never registers on publish (so no webhookMethods).
 */
export const callbackWebhooks: IWebhookDescription[] = [
  {
    name: 'default',
    httpMethod: 'POST',
    responseMode: 'onReceived',
    responseData: '',
    path: '',
    restartWebhook: true,
  },
];

/** The item the callback resumes the node with; undefined when it is not about this wait. */
function outcomeItem(waiting: WaitingItem, payload: unknown): IDataObject | undefined {
  const { connectionId, conversationId, messageId } = waiting;
  if (isOutgoingPayload(payload) && isDataObject(payload)) {
    return payload.conversationId === conversationId ? payload : undefined;
  }
  if (!isRelayEvent(payload) || payload.type !== 'message.failed') return undefined;
  if (payload.data.messageId !== messageId) return undefined;
  return {
    error: 'The chatbot could not generate a reply',
    description: `The relay gave up on the message (connectionId ${connectionId}, conversationId ${conversationId}, messageId ${messageId}): ${payload.data.reason}`,
    connectionId,
    conversationId,
    messageId,
  };
}

/**
 * The webhook of a waiting Send: the relay's callback with the reply (`ai.response`) or its final
 * failure (`message.failed`). Only a body signed with this wait's callback secret, about the
 * message this execution waits for, resumes it; anything else is refused and the execution keeps
 * waiting. After a long wait n8n resumes with the node's output and offers no way to fail the
 * node then, so a failed reply is an item `{ error, description }`, as with Continue On Fail.
 */
export async function receiveCallback(
  this: IWebhookFunctions,
  now: Date,
): Promise<IWebhookResponseData> {
  const waiting = this.evaluateExpression('{{ $json }}', 0);
  if (!isWaitingItem(waiting)) {
    return refuse.call(
      this,
      'not_waiting',
      'This execution is not waiting for a FourthChat reply',
      409,
    );
  }
  const { apiKey } = await this.getCredentials<FourthChatCredentials>(CREDENTIAL_TYPE);
  const secret = callbackSecret(apiKey, this.getExecutionId(), waiting.idempotencyKey);
  const signed = readSignedRequest.call(this, secret, now);
  if ('refused' in signed) return signed.refused;
  const item = outcomeItem(waiting, signed.payload);
  if (item === undefined) {
    return refuse.call(
      this,
      'unexpected_callback',
      `The callback is not about message ${waiting.messageId}, which this execution waits for`,
      422,
    );
  }
  return { webhookResponse: { received: true }, workflowData: [[{ json: item }]] };
}
