import { isoSeconds, type OutgoingPayload } from '@fourthchat/shared';
import type { Message } from '../model/message.js';

/** The spec's outgoing payload for a reply: built once, stored, and sent byte for byte. */
export function outgoingBody(input: {
  connectionId: string;
  conversationId: string;
  reply: { id: string; content: string; createdAt: Date };
  question: Pick<Message, 'userId' | 'metadataJson'>;
}): string {
  const payload: OutgoingPayload = {
    connectionId: input.connectionId,
    conversationId: input.conversationId,
    message: { id: input.reply.id, role: 'assistant', content: input.reply.content },
    ...(input.question.userId === null ? {} : { userId: input.question.userId }),
    timestamp: isoSeconds(input.reply.createdAt),
    metadata: input.question.metadataJson
      ? (JSON.parse(input.question.metadataJson) as Record<string, unknown>)
      : {},
  };
  return JSON.stringify(payload);
}
