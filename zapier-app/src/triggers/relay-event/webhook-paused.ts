import { defineTrigger } from 'zapier-platform-core';
import { hookInputFields } from '../hook/input.js';
import { performFor } from '../hook/perform.js';
import { performUnsubscribe, subscribeFor } from '../hook/subscription.js';
import { targetPausedOutputFields } from './fields.js';
import { eventItem } from './item.js';
import { listPausedTargets } from './paused-targets.js';
import { targetPausedSample } from './samples.js';

/** The hook operations, apart so that tests can call them with their precise types. */
export const webhookPausedHook = {
  performSubscribe: subscribeFor(['target.paused']),
  performUnsubscribe,
  perform: performFor(eventItem('target.paused')),
  performList: listPausedTargets,
};

export const webhookPaused = defineTrigger({
  key: 'webhookPaused',
  noun: 'Paused Webhook',
  display: {
    label: 'Webhook Paused',
    description:
      "Triggers instantly when the relay stops delivering to the connection's webhook URL (or another subscription) because it kept failing.",
  },
  operation: {
    type: 'hook',
    inputFields: hookInputFields,
    ...webhookPausedHook,
    sample: targetPausedSample,
    outputFields: targetPausedOutputFields,
  },
});
