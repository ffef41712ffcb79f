import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { unexpectedAnswer } from '../../relay/body.js';
import { isAcceptedMessage, isOutgoingPayload, type OutgoingPayload } from '../../shared/index.js';

/**
 * `replied`: the AI reply came back within the wait. `accepted`: queued, nobody waited. `pending`:
 * the wait ran out first; the reply still follows through the New AI Response trigger.
 */
export type SendMessageResult =
  | (OutgoingPayload & { status: 'replied' })
  | {
      status: 'accepted' | 'pending';
      connectionId: string;
      conversationId: string;
      messageId: string;
    };

export function toSendMessageResult(
  z: ZObject,
  response: HttpResponse,
  waited: boolean,
): SendMessageResult {
  const body: unknown = response.data;
  if (response.status === 200 && isOutgoingPayload(body)) return { ...body, status: 'replied' };
  if (response.status === 202 && isAcceptedMessage(body)) {
    const { connectionId, conversationId, messageId } = body;
    return { status: waited ? 'pending' : 'accepted', connectionId, conversationId, messageId };
  }
  throw unexpectedAnswer(z, response, 'the message');
}
