import { DEFAULT_EVENT_TYPES } from '@fourthchat/shared';
import type { Connection } from '../../model/connection.js';
import type { Conversation, NewConversation } from '../../model/conversation.js';
import type { Delivery } from '../../model/delivery.js';
import type { PendingMessage } from '../../model/message.js';
import type { Subscription } from '../../model/subscription.js';
import type { HealthFigures } from '../../model/target-health.js';
import type {
  ConnectionDoc,
  ConversationDoc,
  DeliveryDoc,
  PendingMessageDoc,
  Stored,
  SubscriptionDoc,
  TargetHealthDoc,
} from './documents.js';

// Documents ⇄ the model, at the repositories' edge. What a document of an older release lacks
// is filled in with what it meant; what is written is the document as it always was.

export function fromDoc<T extends { _id: string }>(doc: T): Omit<T, '_id'> & { id: string } {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/** The document found, mapped to the model; undefined when there is none. */
export function found<D, M>(doc: D | null, map: (doc: D) => M): M | undefined {
  return doc ? map(doc) : undefined;
}

export function toDoc<T extends { id: string }>(model: T): Stored<T> {
  const { id, ...rest } = model;
  return { _id: id, ...rest };
}

export function connectionOf(doc: ConnectionDoc): Connection {
  return { ...fromDoc(doc), webhookPaused: doc.webhookPaused ?? null };
}

export function subscriptionOf(doc: SubscriptionDoc): Subscription {
  return {
    ...fromDoc(doc),
    events: doc.events ?? [...DEFAULT_EVENT_TYPES],
    filter: doc.filter ?? null,
    whileUnpublished: doc.whileUnpublished ?? 'hold',
    paused: doc.paused ?? null,
    expiresAt: doc.expiresAt ?? null,
  };
}

export function conversationOf(doc: ConversationDoc): Conversation {
  return {
    id: doc._id,
    workspaceId: doc.workspaceId,
    connectionId: doc.connectionId,
    chatbotId: doc.chatbotId,
    userId: doc.userId,
    nextSeq: doc.nextSeq,
    recent: doc.recent,
    lease: doc.lease,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** A new conversation's document: `key` (the same as `_id`) for stores made before 0.2. */
export function newConversationDoc(
  conversation: NewConversation,
): Omit<ConversationDoc, 'recent' | 'lease' | 'nextSeq' | 'updatedAt'> {
  const { id, ...rest } = conversation;
  return { _id: id, ...rest, key: id };
}

export function pendingOf(doc: PendingMessageDoc): PendingMessage {
  return { ...fromDoc(doc), callback: doc.callback ?? null };
}

export function pendingDoc(message: PendingMessage): PendingMessageDoc {
  const { callback, ...rest } = toDoc(message);
  return callback ? { ...rest, callback } : rest;
}

export function deliveryOf(doc: DeliveryDoc): Delivery {
  return { ...fromDoc(doc), event: doc.event ?? 'ai.response' };
}

export function healthOf(doc: TargetHealthDoc): HealthFigures {
  return {
    ...fromDoc(doc),
    failingSince: doc.failingSince ?? null,
    lastError: doc.lastError ?? null,
    lastSuccessAt: doc.lastSuccessAt ?? null,
  };
}
