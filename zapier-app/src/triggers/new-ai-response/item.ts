import { isOutgoingPayload, type OutgoingPayload } from '../../shared/index.js';

/** A trigger item: the reply as delivered, with the reply's message id as Zapier's dedupe `id`. */
export type ResponseItem = OutgoingPayload & { id: string };

export function toResponseItem<T extends OutgoingPayload>(payload: T): T & { id: string } {
  return { ...payload, id: payload.message.id };
}

/** The item of a delivered payload that is an AI reply; undefined for anything else. */
export function replyItem(payload: unknown): ResponseItem | undefined {
  return isOutgoingPayload(payload) ? toResponseItem(payload) : undefined;
}
