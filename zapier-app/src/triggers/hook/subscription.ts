import type {
  WebhookTriggerPerformSubscribe,
  WebhookTriggerPerformUnsubscribe,
} from 'zapier-platform-core';
import { expectBody } from '../../relay/body.js';
import { throwForRelayError } from '../../relay/errors.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import type { CreateSubscriptionRequest, EventType } from '../../shared/index.js';
import { subscriptionFilter, type ReplyFilterInput } from './filter.js';
import { hookSecret } from './hook-secret.js';
import type { HookInput } from './input.js';
import { renewalDate, SUBSCRIPTION_TTL_SECONDS } from './lifetime.js';
import { isSubscribeAnswer, subscriptionId, type SubscribeData } from './subscribe-data.js';

/** A trigger's inputs; only the triggers on replies have the filter fields. */
export type SubscribeInput = HookInput & ReplyFilterInput;

/**
 * Registers this Zap's hook URL on the connection for `events` (none: the relay's default, AI
 * replies), filtered by the trigger's filter inputs. Each trigger asks for its one event, so a Zap
 * never receives payloads it would have to drop. The subscription expires unless Zapier renews it
 * (`expiration_date`), and Zapier's unsubscribe removes it (`whileUnpublished: drop`): a Zap
 * turned on again gets a new hook URL (docs.zapier.com: a unique URL per Zap activation), so
 * replies held for the old one could never reach it.
 */
export function subscribeFor(
  events?: EventType[],
): WebhookTriggerPerformSubscribe<SubscribeInput, SubscribeData> {
  return async (z, bundle) => {
    const { targetUrl } = bundle;
    if (targetUrl === undefined || targetUrl === '') {
      throw new z.errors.Error('Zapier gave no hook URL to subscribe.', 'missing_target_url', 400);
    }
    const filter = subscriptionFilter(bundle.inputData);
    const body: CreateSubscriptionRequest = {
      targetUrl,
      secret: hookSecret(bundle.authData.apiKey ?? '', targetUrl),
      ...(events === undefined ? {} : { events }),
      ...(filter === undefined ? {} : { filter }),
      whileUnpublished: 'drop',
      ttlSeconds: SUBSCRIPTION_TTL_SECONDS,
    };
    const path = apiPath`/api/connections/${bundle.inputData.connectionId}/subscriptions`;
    const response = await z.request({
      url: relayUrl(z, bundle.authData, path),
      method: 'POST',
      body,
    });
    const answer = expectBody(z, response, isSubscribeAnswer, 'the subscription request');
    const renewAt = renewalDate(answer.expiration_date);
    return {
      id: answer.id,
      secret: answer.secret,
      ...(renewAt === undefined ? {} : { expiration_date: renewAt }),
    };
  };
}

/**
 * Removes the subscription when Zapier turns the Zap off. `?remove=true` also removes one made
 * before whileUnpublished existed (those hold by default). One that is already gone (deleted in
 * FourthChat, or removed by the relay) counts as removed, so turning the Zap off never fails on it.
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
    params: { remove: 'true' },
    skipThrowForStatus: true,
  });
  if (response.status !== 404) throwForRelayError(z, response, new Date());
  return {};
};
