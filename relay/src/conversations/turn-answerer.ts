import { ReplyFailedError } from '../ai/responder.js';
import type { TurnDeliveries } from '../deliveries/turn-deliveries.js';
import type { RelayDeps } from '../deps.js';
import type { Chatbot } from '../model/chatbot.js';
import { afterTurn } from '../model/conversation-transitions.js';
import type { Conversation } from '../model/conversation.js';
import type { Lease } from '../model/lease.js';
import { isReply, type PendingMessage } from '../model/message.js';
import { historyForAi } from './history.js';
import type { ReplyWaits } from './reply-waits.js';
import { answeredTurn, failedTurn, replyTo, type Turn } from './turn-messages.js';
import type { WorkGate } from './work-gate.js';

export type AnswerDeps = Pick<
  RelayDeps,
  'store' | 'clock' | 'responder' | 'settings' | 'logger' | 'metrics' | 'secrets'
>;

/** A lease of this process on a conversation, for as long as the settings say. */
export function freshLease(deps: Pick<RelayDeps, 'clock' | 'settings'>): Lease {
  return {
    owner: deps.settings.instanceId,
    until: new Date(deps.clock.now().getTime() + deps.settings.conversationLeaseMs),
  };
}

/**
 * Answers one message of a conversation this process holds the lease of: the AI's reply (or
 * the turn a crashed process recorded), recorded, handed to a waiting request, delivered, and
 * the conversation settled (`afterTurn`). The message stays pending until its reply's first
 * delivery attempts are made, which is what lets the recovery sweep find a delivery whose
 * process died before its attempt.
 */
export class TurnAnswerer {
  /** Messages whose reply's first delivery attempts are under way here. */
  private readonly delivering = new Set<string>();
  private readonly finishing = new Set<Promise<void>>();

  constructor(
    private readonly deps: AnswerDeps,
    private readonly deliveries: TurnDeliveries,
    private readonly replies: ReplyWaits,
    /** The AI call is made outside it (see ConversationWorker). */
    private readonly working: WorkGate,
  ) {}

  isDelivering(messageId: string): boolean {
    return this.delivering.has(messageId);
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.finishing]);
  }

  /**
   * The conversation after answering `question`; `careful` when it may have been answered
   * before (recovered after a crash). The lease is kept when, once the turn is delivered,
   * another message `waitsAfter` it here.
   */
  async answer(
    conversation: Conversation,
    question: PendingMessage,
    { careful, waitsAfter }: { careful: boolean; waitsAfter: () => boolean },
  ): Promise<Conversation> {
    const { store, clock, settings } = this.deps;
    if (conversation.recent.some((entry) => entry.id === question.id)) {
      await this.deliverAgain(conversation, question);
      return conversation;
    }
    const chatbot = await store.chatbots.get(conversation.chatbotId);
    const turn =
      (careful ? await this.recordedTurn(conversation, question) : undefined) ??
      (await this.generate(conversation, question, chatbot));
    await store.conversations.recordMessages(
      turn.reply ? [turn.question, turn.reply] : [turn.question],
    );
    // Recorded: a waiting request may take the outcome now, and then the callback is not sent.
    const callbackTaken = this.replies.settled(question.id, turn.outcome);
    const firstAttempts = await this.deliveries.deliver({
      conversation,
      question,
      result: turn.reply ? { reply: turn.reply } : { failed: turn.question.error ?? 'failed' },
      callbackTaken,
    });
    const next = afterTurn(
      conversation,
      {
        question: turn.question,
        reply: turn.reply ?? null,
        at: clock.now(),
        lease: waitsAfter() ? freshLease(this.deps) : null,
      },
      { historyLimit: chatbot?.historyLimit },
    );
    await store.conversations.settleTurn(settings.instanceId, next);
    this.finishAfter(question.id, firstAttempts);
    return next;
  }

  /** Calls the AI (renewing the lease meanwhile) and builds the turn to record. */
  private async generate(
    conversation: Conversation,
    question: PendingMessage,
    chatbot: Chatbot | undefined,
  ): Promise<Turn> {
    const { store, clock, responder, metrics, settings, logger } = this.deps;
    if (!chatbot) {
      const deleted = 'The chatbot was deleted before this message was answered';
      return failedTurn(conversation, question, deleted);
    }
    const renew = setInterval(() => {
      store.conversations
        .renewLease(conversation.id, freshLease(this.deps))
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'lease renewal failed');
        });
    }, settings.conversationLeaseMs / 3);
    let content: string;
    try {
      const request = {
        model: chatbot.model || settings.defaultModel,
        systemPrompt: chatbot.systemPrompt,
        temperature: chatbot.temperature,
        history: historyForAi(conversation.recent, chatbot.historyLimit, question.content),
      };
      content = await this.working.outside(() => responder.reply(request));
    } catch (error) {
      const message = error instanceof ReplyFailedError ? error.message : 'The AI reply failed';
      logger.warn({ err: error, messageId: question.id }, 'AI reply failed');
      metrics.replies.inc({ outcome: 'failed' });
      return failedTurn(conversation, question, message);
    } finally {
      clearInterval(renew);
    }
    metrics.replies.inc({ outcome: 'completed' });
    const reply = replyTo(conversation, question, { content, createdAt: clock.now() });
    return answeredTurn(conversation, question, reply);
  }

  /** The turn as a process that died after recording it left it, if it got that far. */
  private async recordedTurn(
    conversation: Conversation,
    question: PendingMessage,
  ): Promise<Turn | undefined> {
    const { conversations } = this.deps.store;
    const reply = await conversations.findMessage(question.replyId);
    if (reply && isReply(reply)) return answeredTurn(conversation, question, reply);
    const settled = await conversations.findMessage(question.id);
    return settled?.status === 'failed'
      ? failedTurn(conversation, question, settled.error ?? 'The AI reply failed')
      : undefined;
  }

  /** A question answered before (its process died before finishing): its deliveries again. */
  private async deliverAgain(conversation: Conversation, question: PendingMessage): Promise<void> {
    const { conversations } = this.deps.store;
    const found = await conversations.findMessage(question.replyId);
    const reply = found && isReply(found) ? found : undefined;
    const failed = reply ? undefined : await conversations.findMessage(question.id);
    const result = reply
      ? { reply }
      : failed?.status === 'failed'
        ? { failed: failed.error ?? 'failed' }
        : undefined;
    const firstAttempts = result
      ? await this.deliveries.deliver({ conversation, question, result, callbackTaken: false })
      : [];
    this.finishAfter(question.id, firstAttempts);
  }

  /** Once every first attempt of its reply is made, the message is finished (not pending). */
  private finishAfter(questionId: string, firstAttempts: Promise<boolean>[]): void {
    this.delivering.add(questionId);
    const done = Promise.all(firstAttempts)
      .then(async (settled) => {
        if (settled.every(Boolean)) await this.deps.store.conversations.finishPending(questionId);
      })
      .catch((error: unknown) => {
        this.deps.logger.error(
          { err: error, messageId: questionId },
          'first delivery attempts failed',
        );
      })
      .finally(() => this.delivering.delete(questionId));
    this.finishing.add(done);
    void done.finally(() => this.finishing.delete(done));
  }
}
