/** `pending` until the AI reply exists (or, for an assistant message, is being written). */
export type ConversationMessageStatus = 'pending' | 'completed' | 'failed';

export interface ConversationMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: ConversationMessageStatus;
  /** Why the reply failed, when it did. */
  error?: string;
  /** ISO 8601. */
  createdAt: string;
  metadata?: Record<string, unknown>;
}

/** The same (connectionId, userId) continues one conversation. */
export interface Conversation {
  id: string;
  connectionId: string;
  userId?: string;
  /** ISO 8601. */
  createdAt: string;
  /** Oldest first. */
  messages: ConversationMessage[];
}

/** `GET /api/connections/:id/conversations?userId=`: a conversation without its messages. */
export interface ConversationSummary {
  id: string;
  connectionId: string;
  userId?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601: its latest turn. */
  updatedAt: string;
  /** The latest message answered, when there is one. */
  lastMessage?: { id: string; role: 'user' | 'assistant'; content: string; createdAt: string };
}
