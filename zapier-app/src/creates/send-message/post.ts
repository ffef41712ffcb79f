import type { Bundle, ZObject } from 'zapier-platform-core';
import { relayUrl } from '../../relay/url.js';
import type { IncomingMessageRequest } from '../../shared/index.js';
import { toSendMessageResult, type SendMessageResult } from './result.js';

// Zapier stops a step after 30 s: the relay waits at most 25 s for the reply, and the request
// itself gives up at 28 s so the step fails with a clear error rather than being cut off.
export const REPLY_WAIT_MS = 25_000;
const WAITING_REQUEST_TIMEOUT_MS = 28_000;

export interface PostMessage {
  body: IncomingMessageRequest;
  /** Wait for the reply within the step's time; else the 202 answers at once. */
  wait: boolean;
  headers?: Record<string, string>;
}

/** Sends the message: the reply when it came within the wait, else the ids of the accepted message. */
export async function postMessage(
  z: ZObject,
  authData: Bundle['authData'],
  { body, wait, headers = {} }: PostMessage,
): Promise<SendMessageResult> {
  const response = await z.request({
    url: relayUrl(z, authData, '/api/webhooks/incoming'),
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
}
