import {
  isNonEmptyString,
  isPlainObject,
  type AcceptedMessage,
  type OutgoingPayload,
} from '../../shared/index.js';

/**
 * What perform returns while the step waits for Zapier's callback, and performResume gets back as
 * `bundle.outputData`: the ids of the accepted message and the secret this run's callback is
 * signed with (one per run, so a callback of another run never verifies).
 */
export type PendingReply = Pick<
  AcceptedMessage,
  'connectionId' | 'conversationId' | 'messageId'
> & {
  status: 'pending';
  callbackSecret: string;
};

/** The step's result: the reply, with the id of the message it answers. */
export type WaitedReply = OutgoingPayload & { status: 'replied'; messageId: string };

export function isPendingReply(value: unknown): value is PendingReply {
  return (
    isPlainObject(value) &&
    value.status === 'pending' &&
    isNonEmptyString(value.connectionId) &&
    isNonEmptyString(value.conversationId) &&
    isNonEmptyString(value.messageId) &&
    isNonEmptyString(value.callbackSecret)
  );
}
