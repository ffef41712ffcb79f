import type { DeliveryAttempt, DeliveryStatus } from '@fourthchat/shared';

/** A claim on a piece of work by one relay process, until a time. */
export interface Lease {
  owner: string;
  until: Date;
}

export interface WorkspaceDoc {
  _id: string;
  name: string;
  createdAt: Date;
}

export interface ApiKeyDoc {
  _id: string;
  workspaceId: string;
  /** sha256 of the key; the key itself is shown once and never stored. */
  hash: string;
  /** The first characters, so a person can tell keys apart. */
  prefix: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface ChatbotDoc {
  _id: string;
  workspaceId: string;
  name: string;
  systemPrompt: string;
  model: string;
  temperature: number;
  historyLimit: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HeaderPair {
  name: string;
  value: string;
}

export interface ConnectionDoc {
  _id: string;
  workspaceId: string;
  chatbotId: string;
  name: string;
  webhookUrl: string;
  /** Sealed with the secret box. */
  secret: string;
  /** The secret before the last rotation: it co-signs until expiresAt. */
  previousSecret: { sealed: string; expiresAt: Date } | null;
  /** Pairs, not an object, so header names never become document keys. */
  customHeaders: HeaderPair[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubscriptionDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  targetUrl: string;
  secret: string;
  createdAt: Date;
}

export interface ConversationDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  chatbotId: string;
  userId: string | null;
  /** Unique: `connectionId + userId`, or the conversation's own id when there is no userId. */
  key: string;
  nextSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Which process answers a conversation right now (see ConversationWorker.lease). */
export interface ConversationLeaseDoc extends Lease {
  _id: string;
}

export type MessageStatus = 'pending' | 'completed' | 'failed';

export interface MessageDoc {
  _id: string;
  workspaceId: string;
  conversationId: string;
  connectionId: string;
  /** Order in the conversation: n for the n-th user message, n + 0.5 for its reply. */
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  /** The incoming metadata as JSON text, so client keys never become document keys. */
  metadataJson: string | null;
  userId: string | null;
  status: MessageStatus;
  error: string | null;
  /** On a user message: the id its reply will have (fixed up front so a retry cannot answer twice). */
  replyId: string | null;
  /** On an assistant message: the exact outgoing payload body. */
  outgoing: string | null;
  createdAt: Date;
}

export interface DeliveryDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  subscriptionId: string | null;
  messageId: string | null;
  kind: 'reply' | 'test';
  targetUrl: string;
  /** Serialized once; every attempt sends these bytes. */
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** Attempts before the last redeliver; the retry schedule counts from there. */
  cycleStart: number;
  nextAttemptAt: Date | null;
  inFlight: Lease | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface IdempotencyDoc {
  _id: string;
  workspaceId: string;
  requestHash: string;
  response: { status: number; body: unknown } | null;
  createdAt: Date;
  expiresAt: Date;
}
