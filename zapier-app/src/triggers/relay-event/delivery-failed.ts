import { listFailedDeliveries } from './failed-deliveries.js';
import { deliveryFailedOutputFields } from './fields.js';
import { deliveryFailedSample } from './samples.js';
import { eventHook, eventTrigger } from './trigger.js';

/** The hook operations, apart so that tests can call them with their precise types. */
export const deliveryFailedHook = eventHook('delivery.failed', listFailedDeliveries);

export const deliveryFailed = eventTrigger({
  key: 'deliveryFailed',
  noun: 'Failed Delivery',
  label: 'Delivery Failed',
  description:
    "Triggers instantly when a reply could not be delivered to the connection's webhook URL (or another subscription) after every retry.",
  hook: deliveryFailedHook,
  sample: deliveryFailedSample,
  outputFields: deliveryFailedOutputFields,
});
