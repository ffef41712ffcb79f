import {
  isAcceptedMessage,
  isNonEmptyString,
  isPlainObject,
  type AcceptedMessage,
  type OutgoingPayload,
} from '../../shared/index.js';

/**
 * What perform returns while the step waits for Zapier's callback, and performResume gets back as
 * `bundle.outputData`: the relay's answer to the message, and the secret this run's callback is
 * signed with (one per run, so a callback of another run never verifies).
 */
export interface PendingReply {
  status: 'pending';
  sent: AcceptedMessage;
  callbackSecret: string;
}

/** The step's result: the reply, with the id of the message it answers. */
export type WaitedReply = OutgoingPayload & { status: 'replied'; messageId: string };

export function isPendingReply(value: unknown): value is PendingReply {
  return (
    isPlainObject(value) &&
    value.status === 'pending' &&
    isAcceptedMessage(value.sent) &&
    isNonEmptyString(value.callbackSecret)
  );
}
