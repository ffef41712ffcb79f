import type * as api from '@fourthchat/shared';
import type { Conversation } from '../model/conversation.js';
import type { Message, PendingMessage, Transcript } from '../model/message.js';
import type { FoundMessage } from '../store/message-lookups.js';

function metadataOf(metadataJson: string | null) {
  return metadataJson ? { metadata: JSON.parse(metadataJson) as Record<string, unknown> } : {};
}

export function messageView(doc: Message): api.ConversationMessage {
  return {
    id: doc.id,
    role: doc.role,
    content: doc.content,
    status: doc.status,
    ...(doc.error ? { error: doc.error } : {}),
    createdAt: doc.createdAt.toISOString(),
    ...metadataOf(doc.metadataJson),
  };
}

export function waitingMessageView(doc: PendingMessage): api.ConversationMessage {
  return {
    id: doc.id,
    role: 'user',
    content: doc.content,
    status: 'pending',
    createdAt: doc.acceptedAt.toISOString(),
    ...metadataOf(doc.metadataJson),
  };
}

export function conversationView(doc: Conversation, transcript: Transcript): api.Conversation {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    ...(doc.userId === null ? {} : { userId: doc.userId }),
    createdAt: doc.createdAt.toISOString(),
    messages: [
      ...transcript.settled.map(messageView),
      ...transcript.waiting.map(waitingMessageView),
    ],
  };
}

export function conversationSummaryView(doc: Conversation): api.ConversationSummary {
  const last = doc.recent.at(-1);
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    ...(doc.userId === null ? {} : { userId: doc.userId }),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    ...(last
      ? {
          lastMessage: {
            id: last.id,
            role: last.role,
            content: last.content,
            createdAt: last.at.toISOString(),
          },
        }
      : {}),
  };
}

export function messageLookupView(found: FoundMessage): api.MessageLookup {
  const { question } = found;
  const settled = found.state === 'settled' ? found : undefined;
  const failed = settled?.question.status === 'failed';
  return {
    id: question.id,
    connectionId: question.connectionId,
    conversationId: question.conversationId,
    ...(question.userId === null ? {} : { userId: question.userId }),
    status: !settled ? 'pending' : failed ? 'failed' : 'replied',
    reply: settled?.reply?.outgoing
      ? (JSON.parse(settled.reply.outgoing) as api.OutgoingPayload)
      : null,
    ...(failed ? { error: settled.question.error ?? 'The reply failed' } : {}),
  };
}
