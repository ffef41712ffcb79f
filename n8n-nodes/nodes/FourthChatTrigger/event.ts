import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_EVENT_TYPES, EVENT_TYPES, isEventType, type EventType } from '../../shared';

/** Version 1 starts on one event; version 2 on several. */
export const EVENT_PARAMETER = 'event';
export const EVENTS_PARAMETER = 'events';

/** What the trigger starts on when the parameter is missing: workflows saved before it existed. */
const [DEFAULT_EVENT = 'ai.response'] = DEFAULT_EVENT_TYPES;

const EVENT_NAMES: Record<EventType, string> = {
  'ai.response': 'New AI Response',
  'message.failed': 'Message Failed',
  'delivery.failed': 'Delivery Failed',
  'target.paused': 'Webhook Paused',
  'target.resumed': 'Webhook Resumed',
  'subscription.removed': 'Subscription Removed',
};

const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'ai.response': 'The chatbot of the connection replied',
  'message.failed': 'The chatbot could not reply to a message (AI error, chatbot deleted)',
  'delivery.failed':
    "A delivery to the connection's webhook URL or to another subscription used up its attempts",
  'target.paused':
    'The relay stopped delivering to a webhook URL or subscription that kept failing',
  'target.resumed': 'Deliveries to a paused webhook URL or subscription started again',
  'subscription.removed':
    'The relay removed another subscription of the connection (expired, paused too long, gone)',
};

const eventOptions: INodePropertyOptions[] = EVENT_TYPES.map((value) => ({
  name: EVENT_NAMES[value],
  value,
  description: EVENT_DESCRIPTIONS[value],
})).sort((a, b) => a.name.localeCompare(b.name));

// Version 1: one event per node, as saved by workflows made before version 2.
export const eventProperty: INodeProperties = {
  displayName: 'Event',
  name: EVENT_PARAMETER,
  type: 'options',
  default: DEFAULT_EVENT,
  options: eventOptions,
  displayOptions: { show: { '@version': [1] } },
};

// Version 2: any set of events; the item's `type` (events) or `message` (replies) tells them apart.
export const eventsProperty: INodeProperties = {
  displayName: 'Events',
  name: EVENTS_PARAMETER,
  type: 'multiOptions',
  required: true,
  default: [DEFAULT_EVENT],
  description: 'The events that start the workflow',
  options: eventOptions,
  displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
};

/** The node's subtitle: the chosen events' names. */
export const eventSubtitle =
  `={{ [].concat($parameter["${EVENTS_PARAMETER}"] ?? $parameter["${EVENT_PARAMETER}"] ?? "${DEFAULT_EVENT}")` +
  `.map(e => (${JSON.stringify(EVENT_NAMES)})[e] ?? e).join(", ") }}`;

function unknownEvent(node: INode, value: unknown): NodeOperationError {
  return new NodeOperationError(node, `"Event" is not one this trigger knows: ${String(value)}`, {
    description: `Choose from: ${Object.values(EVENT_NAMES).join(', ')}.`,
  });
}

/**
 * The chosen events, from the parameter of the node's version (`read` gives '' for a
 * missing one). A value that is none (an
 * expression gone wrong) stops the activation; so does version 2 with no event chosen.
 */
export function chosenEvents(node: INode, read: (name: string) => unknown): EventType[] {
  if (node.typeVersion < 2) {
    const value = read(EVENT_PARAMETER);
    if (value === '') return [DEFAULT_EVENT];
    if (isEventType(value)) return [value];
    throw unknownEvent(node, value);
  }
  const value = read(EVENTS_PARAMETER);
  const values: unknown[] = Array.isArray(value) ? value : value === '' ? [] : [value];
  const unknown = values.find((event) => !isEventType(event));
  if (unknown !== undefined) throw unknownEvent(node, unknown);
  const events = [...new Set(values.filter(isEventType))];
  if (events.length === 0) {
    throw new NodeOperationError(node, 'No event is chosen', {
      description: 'Choose at least one event under "Events".',
    });
  }
  return events;
}

/** The name of an event, as the node shows it. */
export function eventName(event: EventType): string {
  return EVENT_NAMES[event];
}
