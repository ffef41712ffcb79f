import type { Conversation } from '../model/conversation.js';
import type { Message, PendingMessage, Reply } from '../model/message.js';
import type { ReplyOutcome } from './reply-waits.js';
import { outgoingBody } from './outgoing.js';

/** A turn as it is recorded: the settled question, its reply (none when it failed), the outcome. */
export interface Turn {
  question: Message;
  reply: Reply | undefined;
  outcome: Exclude<ReplyOutcome, { state: 'timeout' }>;
}

/** The turn of a question answered with `reply`. */
export function answeredTurn(
  conversation: Conversation,
  question: PendingMessage,
  reply: Reply,
): Turn {
  return {
    question: settledQuestion(conversation, question, { status: 'completed', error: null }),
    reply,
    outcome: { state: 'completed', outgoing: reply.outgoing },
  };
}

/** The turn of a question whose reply failed, for `error`. */
export function failedTurn(
  conversation: Conversation,
  question: PendingMessage,
  error: string,
): Turn {
  return {
    question: settledQuestion(conversation, question, { status: 'failed', error }),
    reply: undefined,
    outcome: { state: 'failed', error },
  };
}

/** The AI's reply to `question`, with the spec's outgoing payload built once. */
export function replyTo(
  conversation: Conversation,
  question: PendingMessage,
  { content, createdAt }: { content: string; createdAt: Date },
): Reply {
  return {
    id: question.replyId,
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    connectionId: conversation.connectionId,
    // Right after its question: history and the conversation read in question-answer order.
    seq: conversation.nextSeq + 0.5,
    role: 'assistant',
    content,
    metadataJson: null,
    userId: question.userId,
    status: 'completed',
    error: null,
    replyId: null,
    outgoing: outgoingBody({
      connectionId: conversation.connectionId,
      conversationId: conversation.id,
      reply: { id: question.replyId, content, createdAt },
      question,
    }),
    createdAt,
  };
}

function settledQuestion(
  conversation: Conversation,
  question: PendingMessage,
  settled: Pick<Message, 'status' | 'error'>,
): Message {
  return {
    id: question.id,
    workspaceId: question.workspaceId,
    conversationId: question.conversationId,
    connectionId: question.connectionId,
    seq: conversation.nextSeq,
    role: 'user',
    content: question.content,
    metadataJson: question.metadataJson,
    userId: question.userId,
    ...settled,
    replyId: question.replyId,
    outgoing: null,
    createdAt: question.acceptedAt,
  };
}
