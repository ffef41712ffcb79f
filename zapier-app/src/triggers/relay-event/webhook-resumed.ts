import type { WebhookTriggerPerformList } from 'zapier-platform-core';
import type { TargetResumedEvent } from '../../shared/index.js';
import type { HookInput } from '../hook/input.js';
import { targetResumedOutputFields } from './fields.js';
import { targetResumedSample } from './samples.js';
import { eventHook, eventTrigger } from './trigger.js';

/**
 * No samples from the relay: it keeps no list of past resumes (a target's health says only whether
 * it is paused now), so Zapier offers the trigger's static sample.
 */
const noResumesToList: WebhookTriggerPerformList<HookInput, TargetResumedEvent> = () => [];

/** The hook operations, apart so that tests can call them with their precise types. */
export const webhookResumedHook = eventHook('target.resumed', noResumesToList);

export const webhookResumed = eventTrigger({
  key: 'webhookResumed',
  noun: 'Resumed Webhook',
  label: 'Webhook Resumed',
  description:
    "Triggers instantly when the relay starts delivering again to the connection's webhook URL (or another subscription) after it was paused.",
  hook: webhookResumedHook,
  sample: targetResumedSample,
  outputFields: targetResumedOutputFields,
});
