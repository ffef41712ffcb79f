import type { WebhookTriggerPerformList } from 'zapier-platform-core';
import { expectBody } from '../../relay/body.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import {
  isNonEmptyString,
  isPlainObject,
  type RemovedSubscription,
  type SubscriptionRemovedEvent,
} from '../../shared/index.js';
import type { HookInput } from '../hook/input.js';
import { subscriptionRemovedOutputFields } from './fields.js';
import { isEventOf } from './item.js';
import { subscriptionRemovedSample } from './samples.js';
import { eventHook, eventTrigger } from './trigger.js';

const isSubscriptionRemovedEvent = isEventOf('subscription.removed');

function hasRemovedList(value: unknown): value is { removed: unknown[] } {
  return isPlainObject(value) && Array.isArray(value.removed);
}

/**
 * The `subscription.removed` event the relay sent, rebuilt from its list of recently removed
 * subscriptions; the id names the subscription and the removal, as the list keeps no event id.
 */
function removedEvent(connectionId: string, removed: Partial<RemovedSubscription>): unknown {
  if (!isNonEmptyString(removed.id) || !isNonEmptyString(removed.removedAt)) return undefined;
  return {
    type: 'subscription.removed',
    id: `${removed.id}@${removed.removedAt}`,
    connectionId,
    timestamp: removed.removedAt,
    data: {
      subscription: { id: removed.id, targetUrl: removed.targetUrl ?? '' },
      reason: removed.reason,
      heldDeliveries: removed.heldDeliveries ?? 0,
    },
  };
}

/** Samples from the subscriptions of the connection the relay removed recently, newest first. */
const listRemoved: WebhookTriggerPerformList<HookInput, SubscriptionRemovedEvent> = async (
  z,
  bundle,
) => {
  const { connectionId } = bundle.inputData;
  const path = apiPath`/api/connections/${connectionId}/subscriptions`;
  const response = await z.request({ url: relayUrl(z, bundle.authData, path) });
  const list = expectBody(z, response, hasRemovedList, 'the subscription list');
  return list.removed
    .filter(isPlainObject)
    .map((removed) => removedEvent(connectionId, removed))
    .filter(isSubscriptionRemovedEvent);
};

/** The hook operations, apart so that tests can call them with their precise types. */
export const subscriptionRemovedHook = eventHook('subscription.removed', listRemoved);

export const subscriptionRemoved = eventTrigger({
  key: 'subscriptionRemoved',
  noun: 'Removed Subscription',
  label: 'Subscription Removed',
  description:
    "Triggers instantly when the relay removes another Zap's (or an n8n trigger's) subscription to the connection: it expired without being renewed, stayed paused too long, or its URL answered 410 Gone.",
  hook: subscriptionRemovedHook,
  sample: subscriptionRemovedSample,
  outputFields: subscriptionRemovedOutputFields,
});
