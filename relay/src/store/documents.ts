import type { DeliveryAttempt, DeliveryStatus, EventType } from '@fourthchat/shared';
import type { Pause } from './target-documents.js';

export type {
  HealthHour,
  MetadataMatch,
  Pause,
  RecoveryDoc,
  RemovedSubscriptionDoc,
  SubscriptionDoc,
  SubscriptionFilterDoc,
  TargetHealthDoc,
} from './target-documents.js';

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
  /** Secrets rotated out, newest first: each co-signs until its expiresAt (at most 3 kept). */
  previousSecrets: { sealed: string; expiresAt: Date }[];
  /** Pairs, not an object, so header names never become document keys. */
  customHeaders: HeaderPair[];
  enabled: boolean;
  /** Set while the webhook URL is paused; absent on documents from before pausing existed. */
  webhookPaused?: Pause | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One turn of the recent history kept on the conversation (what the AI is shown). */
export interface HistoryEntry {
  /** The message's id: a question found here has been answered (or has failed). */
  id: string;
  role: 'user' | 'assistant';
  content: string;
  /** A question whose reply failed: kept so it is not answered again, never shown to the AI. */
  failed?: true;
  at: Date;
}

export interface ConversationDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  chatbotId: string;
  userId: string | null;
  /** The same as _id; kept because stores made before 0.2 have a unique index on it. */
  key: string;
  /** The seq the next answered question gets (its reply gets seq + 0.5). */
  nextSeq: number;
  /** The latest turns, oldest first, bounded in count and size. */
  recent: HistoryEntry[];
  /** Which process answers this conversation right now. */
  lease: Lease | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * An accepted message that is not answered yet, or whose reply's first delivery attempts
 * have not all been made. This collection holds unfinished work only, so the recovery
 * sweep's scan of it costs the same however much history there is.
 */
export interface PendingMessageDoc {
  _id: string;
  workspaceId: string;
  conversationId: string;
  connectionId: string;
  chatbotId: string;
  content: string;
  /** The incoming metadata as JSON text, so client keys never become document keys. */
  metadataJson: string | null;
  userId: string | null;
  /** The id its reply will have (fixed up front so a retry cannot answer twice). */
  replyId: string;
  /** Where its reply (or `message.failed`) is POSTed too; absent or null: nowhere. */
  callback?: CallbackDoc | null;
  acceptedAt: Date;
}

/**
 * A message's callback. `own`: signed with the caller's callbackSecret; else with the
 * connection's secret at send time, or, once the connection is gone (its chatbot deleted),
 * with `sealedSecret`, the connection's secret as it was at accept.
 */
export interface CallbackDoc {
  url: string;
  sealedSecret: string;
  own: boolean;
}

export type MessageStatus = 'completed' | 'failed';

/** The conversation's history: questions once settled, and replies. */
export interface MessageDoc {
  _id: string;
  workspaceId: string;
  conversationId: string;
  connectionId: string;
  /** Order in the conversation: n for the n-th question, n + 0.5 for its reply. */
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  metadataJson: string | null;
  userId: string | null;
  status: MessageStatus;
  error: string | null;
  /** On a question: its reply's id. */
  replyId: string | null;
  /** On a reply: the exact outgoing payload body. */
  outgoing: string | null;
  createdAt: Date;
}

/** Which attempt a process is making right now, and until when the claim holds. */
export interface DeliveryClaim extends Lease {
  attempt: number;
}

export interface DeliveryDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  subscriptionId: string | null;
  messageId: string | null;
  kind: 'reply' | 'test' | 'event' | 'callback';
  /** What the body is (the X-Webhook-Event header); absent on older documents: `ai.response`. */
  event?: EventType;
  targetUrl: string;
  /** Set on a callback (kind `callback`): how it is signed. */
  callback?: Omit<CallbackDoc, 'url'>;
  /** Serialized once; every attempt sends these bytes. */
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** attempts.length, as a field a claim can name. */
  attemptCount: number;
  /** Attempts before the last redeliver; the retry schedule counts from there. */
  cycleStart: number;
  nextAttemptAt: Date | null;
  inFlight: DeliveryClaim | null;
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
