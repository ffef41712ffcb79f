import type * as api from '@fourthchat/shared';
import type { Chatbot } from '../model/chatbot.js';
import type { Connection } from '../model/connection.js';
import type { Conversation } from '../model/conversation.js';
import type { Delivery } from '../model/delivery.js';
import type { Message, PendingMessage, Transcript } from '../model/message.js';
import type {
  RemovedSubscription,
  Subscription,
  SubscriptionFilter,
} from '../model/subscription.js';
import type { FoundMessage } from '../store/message-lookups.js';

/** Turns the relay's objects into the API's (never with a secret in them). */
export function chatbotView(doc: Chatbot): api.Chatbot {
  return {
    id: doc.id,
    name: doc.name,
    systemPrompt: doc.systemPrompt,
    model: doc.model,
    temperature: doc.temperature,
    historyLimit: doc.historyLimit,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function connectionView(
  doc: Connection,
  incomingWebhookUrl: string,
  health: api.TargetHealth[],
): api.Connection {
  return {
    id: doc.id,
    chatbotId: doc.chatbotId,
    name: doc.name,
    webhookUrl: doc.webhookUrl,
    customHeaders: Object.fromEntries(doc.customHeaders.map(({ name, value }) => [name, value])),
    enabled: doc.enabled,
    incomingWebhookUrl,
    health,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export function subscriptionView(doc: Subscription, health: api.TargetHealth): api.Subscription {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    events: doc.events,
    filter: filterView(doc.filter),
    whileUnpublished: doc.whileUnpublished,
    paused: Boolean(doc.paused),
    ...(doc.expiresAt ? { expiration_date: doc.expiresAt.toISOString() } : {}),
    health,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function removedSubscriptionView(doc: RemovedSubscription): api.RemovedSubscription {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    reason: doc.reason,
    heldDeliveries: doc.heldDeliveries,
    removedAt: doc.removedAt.toISOString(),
  };
}

function filterView(filter: SubscriptionFilter | null): api.SubscriptionFilter {
  if (!filter) return {};
  return {
    ...(filter.userId === null ? {} : { userId: filter.userId }),
    ...(filter.metadata.length === 0
      ? {}
      : { metadata: Object.fromEntries(filter.metadata.map(({ key, value }) => [key, value])) }),
  };
}

export function deliveryView(doc: Delivery): api.Delivery {
  return {
    id: doc.id,
    connectionId: doc.connectionId,
    ...(doc.subscriptionId ? { subscriptionId: doc.subscriptionId } : {}),
    ...(doc.messageId ? { messageId: doc.messageId } : {}),
    kind: doc.kind,
    event: doc.event,
    targetUrl: doc.targetUrl,
    status: doc.status,
    attempts: doc.attempts,
    ...(doc.nextAttemptAt ? { nextAttemptAt: doc.nextAttemptAt.toISOString() } : {}),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

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
