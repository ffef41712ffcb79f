import type {
  Chatbot,
  Connection,
  Conversation,
  ConversationMessage,
  ConversationSummary,
  MessageLookup,
  OutgoingPayload,
  Delivery,
  RemovedSubscription,
  Subscription,
  SubscriptionFilter,
  TargetHealth,
} from '@fourthchat/shared';
import type {
  ChatbotDoc,
  ConnectionDoc,
  ConversationDoc,
  DeliveryDoc,
  MessageDoc,
  PendingMessageDoc,
  RemovedSubscriptionDoc,
  SubscriptionDoc,
  SubscriptionFilterDoc,
} from '../store/documents.js';
import type { FoundMessage } from '../store/message-lookups.js';
import { eventsOf } from '../store/subscriptions.js';

/** Turns store documents into the API's objects (never with a secret in them). */
export function chatbotView(doc: ChatbotDoc): Chatbot {
  return {
    id: doc._id,
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
  doc: ConnectionDoc,
  incomingWebhookUrl: string,
  health: TargetHealth[],
): Connection {
  return {
    id: doc._id,
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

export function subscriptionView(doc: SubscriptionDoc, health: TargetHealth): Subscription {
  return {
    id: doc._id,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    events: eventsOf(doc),
    filter: filterView(doc.filter ?? null),
    whileUnpublished: doc.whileUnpublished ?? 'hold',
    paused: Boolean(doc.paused),
    ...(doc.expiresAt ? { expiration_date: doc.expiresAt.toISOString() } : {}),
    health,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function removedSubscriptionView(doc: RemovedSubscriptionDoc): RemovedSubscription {
  return {
    id: doc._id,
    connectionId: doc.connectionId,
    targetUrl: doc.targetUrl,
    reason: doc.reason,
    heldDeliveries: doc.heldDeliveries,
    removedAt: doc.removedAt.toISOString(),
  };
}

function filterView(filter: SubscriptionFilterDoc | null): SubscriptionFilter {
  if (!filter) return {};
  return {
    ...(filter.userId === null ? {} : { userId: filter.userId }),
    ...(filter.metadata.length === 0
      ? {}
      : { metadata: Object.fromEntries(filter.metadata.map(({ key, value }) => [key, value])) }),
  };
}

export function deliveryView(doc: DeliveryDoc): Delivery {
  return {
    id: doc._id,
    connectionId: doc.connectionId,
    ...(doc.subscriptionId ? { subscriptionId: doc.subscriptionId } : {}),
    ...(doc.messageId ? { messageId: doc.messageId } : {}),
    kind: doc.kind,
    event: doc.event ?? 'ai.response',
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

export function messageView(doc: MessageDoc): ConversationMessage {
  return {
    id: doc._id,
    role: doc.role,
    content: doc.content,
    status: doc.status,
    ...(doc.error ? { error: doc.error } : {}),
    createdAt: doc.createdAt.toISOString(),
    ...metadataOf(doc.metadataJson),
  };
}

export function waitingMessageView(doc: PendingMessageDoc): ConversationMessage {
  return {
    id: doc._id,
    role: 'user',
    content: doc.content,
    status: 'pending',
    createdAt: doc.acceptedAt.toISOString(),
    ...metadataOf(doc.metadataJson),
  };
}

export function conversationView(
  doc: ConversationDoc,
  transcript: { settled: MessageDoc[]; waiting: PendingMessageDoc[] },
): Conversation {
  return {
    id: doc._id,
    connectionId: doc.connectionId,
    ...(doc.userId === null ? {} : { userId: doc.userId }),
    createdAt: doc.createdAt.toISOString(),
    messages: [
      ...transcript.settled.map(messageView),
      ...transcript.waiting.map(waitingMessageView),
    ],
  };
}

export function conversationSummaryView(doc: ConversationDoc): ConversationSummary {
  const last = doc.recent.at(-1);
  return {
    id: doc._id,
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

export function messageLookupView(found: FoundMessage): MessageLookup {
  const { question } = found;
  const settled = found.state === 'settled' ? found : undefined;
  const failed = settled?.question.status === 'failed';
  return {
    id: question._id,
    connectionId: question.connectionId,
    conversationId: question.conversationId,
    ...(question.userId === null ? {} : { userId: question.userId }),
    status: !settled ? 'pending' : failed ? 'failed' : 'replied',
    reply: settled?.reply?.outgoing
      ? (JSON.parse(settled.reply.outgoing) as OutgoingPayload)
      : null,
    ...(failed ? { error: settled.question.error ?? 'The reply failed' } : {}),
  };
}
