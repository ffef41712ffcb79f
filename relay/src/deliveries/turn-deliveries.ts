import { isoSeconds, type MessageFailedEvent } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Conversation } from '../model/conversation.js';
import { isClaimed, type Delivery } from '../model/delivery.js';
import type { PendingMessage, Reply } from '../model/message.js';
import { timeLedId } from '../ids/derived-ids.js';
import type { DeliveryService } from './delivery-service.js';
import { callbackDeliveryFor, deliveriesFor } from '../targets/fan-out.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'metrics'>;

/** What a settled turn delivers: its reply, or the reason it failed. */
export type TurnResult = { reply: Reply } | { failed: string };

/**
 * The deliveries of a settled turn, in one insert, each created with this process's claim on
 * its first attempt: a reply goes to every target that takes it, a failure is `message.failed`
 * to the subscriptions that chose it; either goes to the message's callbackUrl too, unless a
 * waiting request took it (`callbackTaken`, see ReplyWaits.settled).
 */
export class TurnDeliveries {
  constructor(
    private readonly deps: Deps,
    private readonly deliveries: DeliveryService,
  ) {}

  /** One promise per delivery: its first attempt made (false: another process is making it). */
  async deliver(input: {
    conversation: Conversation;
    question: PendingMessage;
    result: TurnResult;
    callbackTaken: boolean;
  }): Promise<Promise<boolean>[]> {
    const { conversation, question, result } = input;
    const connection = await this.deps.store.connections.get(conversation.connectionId);
    const claim = this.deliveries.claimFor(0);
    const message = { userId: question.userId, metadataJson: question.metadataJson };
    const source =
      'reply' in result
        ? {
            sourceId: result.reply.id,
            kind: 'reply' as const,
            event: 'ai.response' as const,
            messageId: result.reply.id,
            body: result.reply.outgoing,
          }
        : this.failure(conversation, question, result.failed);
    const docs = connection
      ? await deliveriesFor(this.deps, { connection, ...source, claim, message })
      : [];
    if (question.callback && !input.callbackTaken) {
      docs.push(
        callbackDeliveryFor(this.deps, {
          message: question,
          callback: question.callback,
          ...source,
          claim,
        }),
      );
    }
    return this.createAndAttempt(docs);
  }

  /** The `message.failed` event: its id derives from the message, so a re-run finds it. */
  private failure(conversation: Conversation, question: PendingMessage, reason: string) {
    const event: MessageFailedEvent = {
      type: 'message.failed',
      id: timeLedId('evt', question.id, ['message.failed']),
      connectionId: conversation.connectionId,
      timestamp: isoSeconds(this.deps.clock.now()),
      data: {
        messageId: question.id,
        conversationId: conversation.id,
        ...(question.userId === null ? {} : { userId: question.userId }),
        reason,
      },
    };
    return {
      sourceId: event.id,
      kind: 'event' as const,
      event: event.type,
      messageId: question.id,
      body: JSON.stringify(event),
    };
  }

  private async createAndAttempt(docs: Delivery[]): Promise<Promise<boolean>[]> {
    const created = await this.deps.store.deliveries.createMany(docs);
    return docs.map((doc) => {
      if (!created.has(doc.id))
        return this.deliveries.attempt(doc.id, 0).then((result) => result.state !== 'busy');
      // Created paused (unclaimed): settled as it is, it is held for its subscription.
      return isClaimed(doc) ? this.deliveries.send(doc).then(() => true) : Promise.resolve(true);
    });
  }
}
