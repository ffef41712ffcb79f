import { isRelayEvent, type RelayEvent } from '../../shared/index.js';

export type RelayEventType = RelayEvent['type'];
export type RelayEventOf<T extends RelayEventType> = Extract<RelayEvent, { type: T }>;

/**
 * A guard for one event type. The event is the trigger item as delivered: its `id` is unique per
 * event, which Zapier deduplicates on, and Zapier flattens `data` into `data__target__url` & co.
 */
export function isEventOf<T extends RelayEventType>(
  type: T,
): (value: unknown) => value is RelayEventOf<T> {
  return (value: unknown): value is RelayEventOf<T> => isRelayEvent(value) && value.type === type;
}

/** The trigger item of a delivered payload that is a `type` event; undefined for anything else. */
export function eventItem<T extends RelayEventType>(
  type: T,
): (payload: unknown) => RelayEventOf<T> | undefined {
  const isEvent = isEventOf(type);
  return (payload) => (isEvent(payload) ? payload : undefined);
}
