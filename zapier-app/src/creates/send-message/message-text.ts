import type { ZObject } from 'zapier-platform-core';
import { isValidMessageText, MESSAGE_MAX_LENGTH, messageTextProblem } from '../../shared/index.js';

/**
 * The Message of a run, checked with the relay's own message rule (shared/) before anything is
 * sent: a mapped field can be blank in one run, which the relay would refuse.
 */
export function checkedMessage(z: ZObject, message: unknown): string {
  if (isValidMessageText(message)) return message;
  const problem = messageTextProblem(message);
  const text =
    problem === 'too_long'
      ? `The Message is too long for FourthChat: at most ${String(MESSAGE_MAX_LENGTH)} characters.`
      : 'The Message is empty (or only spaces), so there is nothing to send to the chatbot. Check the field mapped into Message.';
  throw new z.errors.Error(text, 'validation_failed', 400);
}
