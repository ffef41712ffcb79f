import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_EVENT_TYPES, isEventType, type EventType } from '../../shared';

export const EVENT_PARAMETER = 'event';

/** What the trigger starts on when the parameter is missing: workflows saved before it existed. */
const [DEFAULT_EVENT = 'ai.response'] = DEFAULT_EVENT_TYPES;

const EVENT_NAMES: Record<EventType, string> = {
  'delivery.failed': 'Delivery Failed',
  'ai.response': 'New AI Response',
  'target.paused': 'Webhook Paused',
  'target.resumed': 'Webhook Resumed',
  'subscription.removed': 'Subscription Removed',
  'message.failed': 'Message Failed',
};

// One event per node, like n8n's own single-event triggers (Netlify, ConvertKit): each event has
// its own item shape, and a workflow that mixed them would have to branch on `type` first.
export const eventProperty: INodeProperties = {
  displayName: 'Event',
  name: EVENT_PARAMETER,
  type: 'options',
  default: DEFAULT_EVENT,
  options: [
    {
      name: EVENT_NAMES['delivery.failed'],
      value: 'delivery.failed',
      description:
        "A delivery to the connection's webhook URL or to another subscription used up its attempts",
    },
    {
      name: EVENT_NAMES['ai.response'],
      value: 'ai.response',
      description: 'The chatbot of the connection replied',
    },
    {
      name: EVENT_NAMES['target.paused'],
      value: 'target.paused',
      description:
        'The relay stopped delivering to a webhook URL or subscription that kept failing',
    },
    {
      name: EVENT_NAMES['target.resumed'],
      value: 'target.resumed',
      description: 'Deliveries to a paused webhook URL or subscription started again',
    },
  ],
};

/** The node's subtitle: the chosen event's name. */
export const eventSubtitle = `={{ ${JSON.stringify(EVENT_NAMES)}[$parameter["${EVENT_PARAMETER}"]] }}`;

/** The chosen event; a value that is none (an expression gone wrong) stops the activation. */
export function chosenEvent(node: INode, value: unknown): EventType {
  if (value === undefined || value === '') return DEFAULT_EVENT;
  if (isEventType(value)) return value;
  throw new NodeOperationError(node, `"Event" is not one this trigger knows: ${String(value)}`, {
    description: `Choose one of: ${Object.values(EVENT_NAMES).join(', ')}.`,
  });
}
