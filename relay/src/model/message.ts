/**
 * A message's callback. `own`: signed with the caller's callbackSecret; else with the
 * connection's secret at send time, or, once the connection is gone (its chatbot deleted),
 * with `sealedSecret`, the connection's secret as it was at accept.
 */
export interface Callback {
  url: string;
  sealedSecret: string;
  own: boolean;
}

/**
 * An accepted message that is not answered yet, or whose reply's first delivery attempts
 * have not all been made: unfinished work only, so the recovery sweep's read of it costs the
 * same however much history there is.
 */
export interface PendingMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  connectionId: string;
  chatbotId: string;
  content: string;
  /** The incoming metadata as JSON text, so client keys never become keys of what is stored. */
  metadataJson: string | null;
  userId: string | null;
  /** The id its reply will have (fixed up front so a retry cannot answer twice). */
  replyId: string;
  /** Where its reply (or `message.failed`) is POSTed too; null: nowhere. */
  callback: Callback | null;
  acceptedAt: Date;
}

export type MessageStatus = 'completed' | 'failed';

/** The conversation's history: questions once settled, and replies. */
export interface Message {
  id: string;
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

/** A reply: the AI's answer, with the payload body every delivery of it sends. */
export type Reply = Message & { role: 'assistant'; outgoing: string };

export function isReply(message: Message): message is Reply {
  return message.role === 'assistant' && message.outgoing !== null;
}

/** A conversation's messages: the settled history (in seq order), then what still waits. */
export interface Transcript {
  settled: Message[];
  waiting: PendingMessage[];
}

/** The transcript of the settled history and the pending messages: those answered left out, oldest first. */
export function transcriptOf(settled: Message[], pending: readonly PendingMessage[]): Transcript {
  const answered = new Set(settled.map((message) => message.id));
  const waiting = pending
    .filter((message) => !answered.has(message.id))
    .sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime() || (a.id < b.id ? -1 : 1));
  return { settled, waiting };
}
