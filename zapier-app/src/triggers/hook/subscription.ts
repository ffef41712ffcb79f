import type {
  WebhookTriggerPerformSubscribe,
  WebhookTriggerPerformUnsubscribe,
} from 'zapier-platform-core';
import { expectBody } from '../../relay/body.js';
import { throwForRelayError } from '../../relay/errors.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import type { CreateSubscriptionRequest, EventType } from '../../shared/index.js';
import type { HookInput } from './input.js';
import { isSubscribeData, subscriptionId, type SubscribeData } from './subscribe-data.js';

/**
 * Registers this Zap's hook URL on the connection for `events` (none: the relay's default, AI
 * replies, which a relay from before events also serves); the relay answers with a secret just for
 * it. Each trigger asks for its one event, so a Zap never receives payloads it would have to drop.
 */
export function subscribeFor(
  events?: EventType[],
): WebhookTriggerPerformSubscribe<HookInput, SubscribeData> {
  return async (z, bundle) => {
    const { targetUrl } = bundle;
    if (targetUrl === undefined || targetUrl === '') {
      throw new z.errors.Error('Zapier gave no hook URL to subscribe.', 'missing_target_url', 400);
    }
    const path = apiPath`/api/connections/${bundle.inputData.connectionId}/subscriptions`;
    const body: CreateSubscriptionRequest =
      events === undefined ? { targetUrl } : { targetUrl, events };
    const response = await z.request({
      url: relayUrl(z, bundle.authData, path),
      method: 'POST',
      body,
    });
    const { id, secret } = expectBody(z, response, isSubscribeData, 'the subscription request');
    return { id, secret };
  };
}

/**
 * Removes the subscription. One that is already gone (deleted in FourthChat, or removed by the
 * relay after Zapier answered 410) counts as removed, so turning the Zap off never fails on it.
 */
export const performUnsubscribe: WebhookTriggerPerformUnsubscribe<HookInput> = async (
  z,
  bundle,
) => {
  const id = subscriptionId(bundle.subscribeData);
  if (id === undefined) return {};
  const response = await z.request({
    url: relayUrl(z, bundle.authData, apiPath`/api/subscriptions/${id}`),
    method: 'DELETE',
    skipThrowForStatus: true,
  });
  if (response.status !== 404) throwForRelayError(z, response, new Date());
  return {};
};
