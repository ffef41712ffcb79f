import type { CreatePerform } from 'zapier-platform-core';
import { bundleMeta } from '../../bundle-meta.js';
import { isYes } from '../../fields/boolean.js';
import { relayUrl } from '../../relay/url.js';
import type { IncomingMessageRequest } from '../../shared/index.js';
import { idempotencyKey } from './idempotency-key.js';
import type { SendMessageInput } from './input.js';
import { checkedMessage } from './message-text.js';
import { toSendMessageResult, type SendMessageResult } from './result.js';

// Zapier stops a step after 30 s: the relay waits at most 25 s for the reply, and the request
// itself gives up at 28 s so the step fails with a clear error rather than being cut off.
export const REPLY_WAIT_MS = 25_000;
const WAITING_REQUEST_TIMEOUT_MS = 28_000;

export const perform: CreatePerform<SendMessageInput, SendMessageResult> = async (z, bundle) => {
  const { connectionId, userId, metadata, dedupeKey } = bundle.inputData;
  const message = checkedMessage(z, bundle.inputData.message);
  const wait = isYes(bundle.inputData.wait);
  const hasMetadata = metadata !== undefined && Object.keys(metadata).length > 0;
  const body: IncomingMessageRequest = {
    connectionId,
    message,
    ...(userId ? { userId } : {}),
    ...(hasMetadata ? { metadata } : {}),
  };
  const meta = bundleMeta(bundle);
  const key = idempotencyKey({
    // Deprecated with no replacement; when Zapier sends it, it keeps two Zaps' keys apart.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- nothing else names the Zap
    zapId: meta?.zap?.id,
    isSample: meta?.isLoadingSample === true,
    connectionId,
    message,
    userId,
    metadata,
    dedupeKey,
  });
  const headers: Record<string, string> = key === undefined ? {} : { 'Idempotency-Key': key };
  const response = await z.request({
    url: relayUrl(z, bundle.authData, '/api/webhooks/incoming'),
    method: 'POST',
    headers,
    body,
    ...(wait
      ? {
          params: { wait: 'true', timeoutMs: String(REPLY_WAIT_MS) },
          timeout: WAITING_REQUEST_TIMEOUT_MS,
        }
      : {}),
  });
  return toSendMessageResult(z, response, wait);
};
