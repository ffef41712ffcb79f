import type { OutputFields } from 'zapier-platform-core';

/** Output fields every event has: its envelope. */
const envelopeOutputFields = [
  { key: 'id', label: 'Event ID', type: 'string' },
  { key: 'type', label: 'Event', type: 'string' },
  { key: 'connectionId', label: 'Connection ID', type: 'string' },
  { key: 'timestamp', label: 'Happened At', type: 'datetime' },
] satisfies OutputFields;

/** Output fields of an event about a target: the envelope and the target (flattened with `__`). */
export const eventOutputFields = [
  ...envelopeOutputFields,
  { key: 'data__target__kind', label: 'Target Kind (webhook or subscription)', type: 'string' },
  { key: 'data__target__url', label: 'Target URL', type: 'string' },
  { key: 'data__target__subscriptionId', label: 'Target Subscription ID', type: 'string' },
] satisfies OutputFields;

export const deliveryFailedOutputFields = [
  ...eventOutputFields,
  { key: 'data__deliveryId', label: 'Delivery ID', type: 'string' },
  { key: 'data__messageId', label: 'Reply Message ID', type: 'string' },
  { key: 'data__attempts', label: 'Attempts', type: 'integer' },
  { key: 'data__lastError', label: 'Last Error', type: 'string' },
  { key: 'data__lastAttemptAt', label: 'Last Attempt At', type: 'datetime' },
] satisfies OutputFields;

export const targetPausedOutputFields = [
  ...eventOutputFields,
  { key: 'data__reason', label: 'Reason', type: 'string' },
  { key: 'data__consecutiveFailures', label: 'Consecutive Failures', type: 'integer' },
  { key: 'data__failingSince', label: 'Failing Since', type: 'datetime' },
  { key: 'data__lastError', label: 'Last Error', type: 'string' },
] satisfies OutputFields;

export const targetResumedOutputFields = [
  ...eventOutputFields,
  // `api` (Resume in FourthChat or the API), `test` (a successful test), `subscribe` (subscribed again).
  { key: 'data__by', label: 'Resumed By', type: 'string' },
] satisfies OutputFields;

export const subscriptionRemovedOutputFields = [
  ...envelopeOutputFields,
  { key: 'data__subscription__id', label: 'Removed Subscription ID', type: 'string' },
  { key: 'data__subscription__targetUrl', label: 'Removed Subscription URL', type: 'string' },
  // `expired`, `paused_too_long` or `gone` (the URL answered 410).
  { key: 'data__reason', label: 'Reason', type: 'string' },
  { key: 'data__heldDeliveries', label: 'Held Deliveries Dropped', type: 'integer' },
] satisfies OutputFields;
