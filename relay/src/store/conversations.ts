import type { Conversation, NewConversation } from '../model/conversation.js';
import type { Lease } from '../model/lease.js';
import type { Message, PendingMessage, Transcript } from '../model/message.js';

/** What an accepted message needs written: its conversation (made if new) and itself. */
export interface Acceptance {
  conversation: NewConversation;
  message: PendingMessage;
}

export type LeaseResult =
  | { state: 'taken'; conversation: Conversation; previous: Lease | null }
  | { state: 'held' }
  | { state: 'missing' };

/** Conversations, the messages waiting for a reply, and the settled history. */
export interface ConversationRepository {
  /**
   * Writes a batch of accepted messages and the conversations that are new (an existing one
   * is left as it is). Answers, per message, whether it is stored (a message stored before
   * counts); throws when the outcome is unknown (the store did not answer).
   */
  accept(batch: readonly Acceptance[], at: Date): Promise<boolean[]>;
  /**
   * Takes (or renews) the conversation for `lease.owner`, returning it as it was. A lease
   * another live owner holds is respected (of takers at once, one wins); an expired one is
   * taken over.
   */
  lease(id: string, lease: Lease, now: Date): Promise<LeaseResult>;
  /** False when `lease.owner` does not hold it. */
  renewLease(id: string, lease: Lease): Promise<boolean>;
  /**
   * Writes what the turn changed (`turnChange` of `next`, the conversation `afterTurn`
   * answered), only while `owner` holds the lease.
   */
  settleTurn(owner: string, next: Conversation): Promise<void>;
  release(id: string, owner: string): Promise<void>;
  /** Settled messages, written once: a re-run after a crash finds them in place. */
  recordMessages(messages: Message[]): Promise<void>;
  findMessage(id: string): Promise<Message | undefined>;
  /** The message and its reply's first delivery attempts are done. */
  finishPending(id: string): Promise<void>;
  /** Unfinished messages accepted before `before`. */
  pendingBefore(before: Date, limit: number): Promise<PendingMessage[]>;
  owned(id: string, workspaceId: string): Promise<Conversation | undefined>;
  /** History oldest first, then the messages still waiting for their reply, oldest first. */
  transcript(conversationId: string): Promise<Transcript>;
  /** Newest first. */
  latestReplies(connectionId: string, limit: number): Promise<Message[]>;
  /** Messages of these connections still without a reply, e.g. when their chatbot is deleted. */
  unansweredOf(connectionIds: readonly string[]): Promise<PendingMessage[]>;
  /** Up to `limit` settled messages created before `cutoff` removed; how many. */
  removeMessagesBefore(cutoff: Date, limit: number): Promise<number>;
}
