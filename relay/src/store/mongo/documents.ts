import type { EventType } from '@fourthchat/shared';
import type { Chatbot } from '../../model/chatbot.js';
import type { Connection } from '../../model/connection.js';
import type { Conversation } from '../../model/conversation.js';
import type { Delivery } from '../../model/delivery.js';
import type { IdempotencyRecord } from '../../model/idempotency.js';
import type { Message, PendingMessage } from '../../model/message.js';
import type { Pause } from '../../model/pause.js';
import type { Recovery } from '../../model/recovery.js';
import type { RemovedSubscription, Subscription } from '../../model/subscription.js';
import type { HealthFigures } from '../../model/target-health.js';
import type { ApiKey, Workspace } from '../../model/workspace.js';

// The documents as MongoDB keeps them: the model with `_id` for `id`, and fields that
// documents from older releases lack marked optional. Only this folder sees them; the
// repositories map them to the model at their edge (./mapping.ts).

/** A model type as stored: `_id` instead of `id`. */
export type Stored<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

export type WorkspaceDoc = Stored<Workspace>;
export type ApiKeyDoc = Stored<ApiKey>;
export type ChatbotDoc = Stored<Chatbot>;
export type MessageDoc = Stored<Message>;
export type IdempotencyDoc = Stored<IdempotencyRecord>;
export type RecoveryDoc = Stored<Recovery>;
export type RemovedSubscriptionDoc = Stored<RemovedSubscription>;

export type ConnectionDoc = Stored<Omit<Connection, 'webhookPaused'>> & {
  /** Absent on documents from before pausing existed. */
  webhookPaused?: Pause | null;
};

export type SubscriptionDoc = Stored<
  Omit<Subscription, 'events' | 'filter' | 'whileUnpublished' | 'paused' | 'expiresAt'>
> &
  Partial<Pick<Subscription, 'filter' | 'whileUnpublished' | 'paused' | 'expiresAt'>> & {
    /** Absent on documents from before events existed: replies only. */
    events?: EventType[];
  };

export type ConversationDoc = Stored<Conversation> & {
  /** The same as _id; kept because stores made before 0.2 have a unique index on it. */
  key: string;
};

export type PendingMessageDoc = Stored<Omit<PendingMessage, 'callback'>> & {
  /** Absent when the message has none. */
  callback?: PendingMessage['callback'];
};

export type DeliveryDoc = Stored<Omit<Delivery, 'event'>> & {
  /** Absent on documents from before events existed: `ai.response`. */
  event?: EventType;
};

/**
 * `_id` is the target key. Counters only grow by `$inc`; the optional fields are absent until
 * set (and `failingSince` is unset by a success).
 */
export type TargetHealthDoc = Stored<
  Omit<HealthFigures, 'failingSince' | 'lastError' | 'lastSuccessAt'>
> & {
  failingSince?: Date;
  lastError?: NonNullable<HealthFigures['lastError']>;
  lastSuccessAt?: Date;
};
