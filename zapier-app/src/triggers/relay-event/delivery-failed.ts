import { defineTrigger } from 'zapier-platform-core';
import { hookInputFields } from '../hook/input.js';
import { performFor } from '../hook/perform.js';
import { performUnsubscribe, subscribeFor } from '../hook/subscription.js';
import { listFailedDeliveries } from './failed-deliveries.js';
import { deliveryFailedOutputFields } from './fields.js';
import { eventItem } from './item.js';
import { deliveryFailedSample } from './samples.js';

/** The hook operations, apart so that tests can call them with their precise types. */
export const deliveryFailedHook = {
  performSubscribe: subscribeFor(['delivery.failed']),
  performUnsubscribe,
  perform: performFor(eventItem('delivery.failed')),
  performList: listFailedDeliveries,
};

export const deliveryFailed = defineTrigger({
  key: 'deliveryFailed',
  noun: 'Failed Delivery',
  display: {
    label: 'Delivery Failed',
    description:
      "Triggers instantly when a reply could not be delivered to the connection's webhook URL (or another subscription) after every retry.",
  },
  operation: {
    type: 'hook',
    inputFields: hookInputFields,
    ...deliveryFailedHook,
    sample: deliveryFailedSample,
    outputFields: deliveryFailedOutputFields,
  },
});
