import {
  defineTrigger,
  type OutputFields,
  type WebhookTriggerPerformList,
} from 'zapier-platform-core';
import { deliveryOutputFields, sampleDelivery } from '../hook/delivery-meta.js';
import { hookInputFields, type HookInput } from '../hook/input.js';
import { performFor } from '../hook/perform.js';
import { performUnsubscribe, subscribeFor } from '../hook/subscription.js';
import { eventItem, type RelayEventOf, type RelayEventType } from './item.js';

/** The REST hook operations of the trigger for one event type, with its own samples. */
export function eventHook<T extends RelayEventType>(
  type: T,
  performList: WebhookTriggerPerformList<HookInput, RelayEventOf<T>>,
) {
  return {
    performSubscribe: subscribeFor([type]),
    performUnsubscribe,
    perform: performFor(eventItem(type)),
    performList,
  };
}

export interface EventTriggerSpec<K extends string, T extends RelayEventType> {
  key: K;
  noun: string;
  label: string;
  description: string;
  hook: ReturnType<typeof eventHook<T>>;
  // Zapier wants a plain record; an event is one, but an interface type has no index signature.
  sample: RelayEventOf<T> & Record<string, unknown>;
  outputFields: OutputFields;
}

function withSampleDelivery(sample: Record<string, unknown>): Record<string, unknown> {
  return { ...sample, delivery: sampleDelivery };
}

/** An instant trigger on one relay event of the chosen connection; items carry their delivery. */
export function eventTrigger<K extends string, T extends RelayEventType>(
  spec: EventTriggerSpec<K, T>,
) {
  return defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description },
    operation: {
      type: 'hook',
      inputFields: hookInputFields,
      ...spec.hook,
      sample: withSampleDelivery(spec.sample),
      outputFields: [...spec.outputFields, ...deliveryOutputFields],
    },
  });
}
