import type { Lease } from './lease.js';

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

export interface Conversation {
  id: string;
  workspaceId: string;
  connectionId: string;
  chatbotId: string;
  userId: string | null;
  /** The seq the next answered question gets (its reply gets seq + 0.5). */
  nextSeq: number;
  /** The latest turns, oldest first, bounded in count and size. */
  recent: HistoryEntry[];
  /** Which process answers this conversation right now. */
  lease: Lease | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A conversation as the first message accepted for it makes it. */
export type NewConversation = Omit<Conversation, 'recent' | 'lease' | 'nextSeq' | 'updatedAt'>;
