import type { WebhookTriggerPerform, WebhookTriggerPerformList } from 'zapier-platform-core';
import { bundleMeta } from '../../bundle-meta.js';
import { expectBody, isListOf } from '../../relay/body.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import { isOutgoingPayload } from '../../shared/index.js';
import { deliveryOutcome } from './delivery.js';
import type { NewResponseInput } from './input.js';
import { toResponseItem, type ResponseItem } from './item.js';

const DEFAULT_SAMPLES = 10;
const MAX_SAMPLES = 50;

/** One item per genuine AI reply; anything unsigned, stale or a test starts no run. */
export const perform: WebhookTriggerPerform<NewResponseInput, ResponseItem> = (z, bundle) => {
  const outcome = deliveryOutcome(bundle.rawRequest, bundle.subscribeData, new Date());
  if ('skipped' in outcome) z.console.log(`FourthChat delivery ignored: ${outcome.skipped}`);
  return outcome.items;
};

/** Recent replies of the connection, newest first, so users can pick real sample data. */
export const performList: WebhookTriggerPerformList<NewResponseInput, ResponseItem> = async (
  z,
  bundle,
) => {
  const meta = bundleMeta(bundle);
  const requested = meta?.limit ?? 0;
  const limit = requested > 0 ? Math.min(requested, MAX_SAMPLES) : DEFAULT_SAMPLES;
  const path = apiPath`/api/connections/${bundle.inputData.connectionId}/responses`;
  const response = await z.request({
    url: relayUrl(z, bundle.authData, path),
    params: { limit: String(limit) },
  });
  const list = expectBody(z, response, isListOf(isOutgoingPayload), 'the recent replies request');
  return list.data.map(toResponseItem);
};
