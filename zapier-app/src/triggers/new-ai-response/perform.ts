import type { WebhookTriggerPerformList } from 'zapier-platform-core';
import { expectBody, isListOf } from '../../relay/body.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import { isOutgoingPayload } from '../../shared/index.js';
import type { HookInput } from '../hook/input.js';
import { performFor } from '../hook/perform.js';
import { sampleLimit } from '../hook/sample-limit.js';
import { replyItem, toResponseItem, type ResponseItem } from './item.js';

/** One item per genuine AI reply; anything unsigned, stale or a test starts no run. */
export const perform = performFor(replyItem);

/** Recent replies of the connection, newest first, so users can pick real sample data. */
export const performList: WebhookTriggerPerformList<HookInput, ResponseItem> = async (
  z,
  bundle,
) => {
  const path = apiPath`/api/connections/${bundle.inputData.connectionId}/responses`;
  const response = await z.request({
    url: relayUrl(z, bundle.authData, path),
    params: { limit: String(sampleLimit(bundle)) },
  });
  const list = expectBody(z, response, isListOf(isOutgoingPayload), 'the recent replies request');
  return list.data.map(toResponseItem);
};
