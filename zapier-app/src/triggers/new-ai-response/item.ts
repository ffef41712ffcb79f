import type { OutgoingPayload } from '../../shared/index.js';

/** A trigger item: the reply as delivered, with the reply's message id as Zapier's dedupe `id`. */
export type ResponseItem = OutgoingPayload & { id: string };

export function toResponseItem<T extends OutgoingPayload>(payload: T): T & { id: string } {
  return { ...payload, id: payload.message.id };
}
