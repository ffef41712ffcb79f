import { defineTrigger } from 'zapier-platform-core';
import { replyOutputFields, replySample } from '../../fields/reply.js';
import { deliveryOutputFields, sampleDelivery } from '../hook/delivery-meta.js';
import { replyFilterInputFields } from '../hook/filter.js';
import { hookInputFields } from '../hook/input.js';
import { performUnsubscribe } from '../hook/subscription.js';
import { toResponseItem } from './item.js';
import { perform, performList } from './perform.js';
import { performSubscribe } from './subscription.js';

export const newAiResponse = defineTrigger({
  key: 'newAiResponse',
  noun: 'AI Response',
  display: {
    label: 'New AI Response',
    description: 'Triggers instantly when the chatbot replies on a connection.',
  },
  operation: {
    type: 'hook',
    inputFields: [...hookInputFields, ...replyFilterInputFields],
    performSubscribe,
    performUnsubscribe,
    perform,
    performList,
    sample: { ...toResponseItem(replySample), delivery: sampleDelivery },
    outputFields: [
      { key: 'id', label: 'Reply ID', type: 'string' },
      ...replyOutputFields,
      ...deliveryOutputFields,
    ],
  },
});
