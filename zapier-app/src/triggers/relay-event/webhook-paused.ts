import { targetPausedOutputFields } from './fields.js';
import { listPausedTargets } from './paused-targets.js';
import { targetPausedSample } from './samples.js';
import { eventHook, eventTrigger } from './trigger.js';

/** The hook operations, apart so that tests can call them with their precise types. */
export const webhookPausedHook = eventHook('target.paused', listPausedTargets);

export const webhookPaused = eventTrigger({
  key: 'webhookPaused',
  noun: 'Paused Webhook',
  label: 'Webhook Paused',
  description:
    "Triggers instantly when the relay stops delivering to the connection's webhook URL (or another subscription) because it kept failing.",
  hook: webhookPausedHook,
  sample: targetPausedSample,
  outputFields: targetPausedOutputFields,
});
