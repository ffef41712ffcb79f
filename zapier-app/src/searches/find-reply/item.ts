import {
  isNonEmptyString,
  isOutgoingPayload,
  isPlainObject,
  type MessageLookup,
  type OutgoingPayload,
} from '../../shared/index.js';

/**
 * A message and its reply as a search result, in the shape of Send Message's result: the reply's
 * fields (`message__content`, …) once there is one, with `status` and `messageId`; `id` is the
 * message id searched for.
 */
export type ReplyItem = Omit<MessageLookup, 'reply'> &
  Partial<OutgoingPayload> & { messageId: string };

const STATUSES: readonly unknown[] = ['pending', 'replied', 'failed'];

/** `GET /api/messages/:id`, as far as the item reads it; the other fields pass through. */
export function isMessageLookup(value: unknown): value is MessageLookup {
  if (!isPlainObject(value) || !isNonEmptyString(value.id)) return false;
  return (
    STATUSES.includes(value.status) && (value.reply === null || isOutgoingPayload(value.reply))
  );
}

export function toReplyItem({ reply, ...lookup }: MessageLookup): ReplyItem {
  return { ...(reply ?? {}), ...lookup, messageId: lookup.id };
}
