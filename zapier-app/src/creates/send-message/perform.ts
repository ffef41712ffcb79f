import type { CreatePerform } from 'zapier-platform-core';
import { bundleMeta } from '../../bundle-meta.js';
import { isYes } from '../../fields/boolean.js';
import { idempotencyKey } from './idempotency-key.js';
import type { SendMessageInput } from './input.js';
import { messageBody } from './message-body.js';
import { postMessage } from './post.js';
import type { SendMessageResult } from './result.js';

export const perform: CreatePerform<SendMessageInput, SendMessageResult> = async (z, bundle) => {
  const { connectionId, userId, metadata, dedupeKey } = bundle.inputData;
  const body = messageBody(z, bundle.inputData);
  const meta = bundleMeta(bundle);
  const key = idempotencyKey({
    // Deprecated with no replacement; when Zapier sends it, it keeps two Zaps' keys apart.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- nothing else names the Zap
    zapId: meta?.zap?.id,
    isSample: meta?.isLoadingSample === true,
    connectionId,
    message: body.message,
    userId,
    metadata,
    dedupeKey,
  });
  const headers: Record<string, string> = key === undefined ? {} : { 'Idempotency-Key': key };
  return postMessage(z, bundle.authData, { body, wait: isYes(bundle.inputData.wait), headers });
};
