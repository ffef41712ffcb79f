import type { ZObject } from 'zapier-platform-core';
import type { IncomingMessageRequest } from '../../shared/index.js';
import type { MessageInput } from './input.js';
import { checkedMessage } from './message-text.js';

/** The body of `POST /api/webhooks/incoming` for a step's inputs; empty optional fields left out. */
export function messageBody(z: ZObject, input: MessageInput): IncomingMessageRequest {
  const { connectionId, userId, metadata } = input;
  const hasMetadata = metadata !== undefined && Object.keys(metadata).length > 0;
  return {
    connectionId,
    message: checkedMessage(z, input.message),
    ...(userId ? { userId } : {}),
    ...(hasMetadata ? { metadata } : {}),
  };
}
