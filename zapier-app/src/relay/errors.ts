import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { isApiErrorBody, parseRetryAfter } from '../shared/index.js';

const MS_PER_SECOND = 1000;

interface RelayError {
  code: string;
  message: string;
}

function describeError(response: HttpResponse): RelayError {
  const body: unknown = response.data;
  if (isApiErrorBody(body)) return { code: body.error.code, message: body.error.message };
  // A proxy or load balancer in front of the relay may answer with HTML or nothing at all.
  return {
    code: `http_${String(response.status)}`,
    message: `The FourthChat relay answered HTTP ${String(response.status)}.`,
  };
}

/** Retry-After (delta-seconds or an HTTP-date) in whole seconds; undefined lets Zapier choose. */
function retryAfterSeconds(response: HttpResponse, now: Date): number | undefined {
  const delayMs = parseRetryAfter(response.getHeader('retry-after'), now);
  return delayMs === undefined ? undefined : Math.ceil(delayMs / MS_PER_SECOND);
}

/**
 * Turns a relay error answer into the Zapier error that makes Zapier do the right thing: a
 * rejected key asks the user to reconnect, rate limits and outages are retried after the relay's
 * Retry-After, a disabled connection halts the run without counting against the Zap, and anything
 * else shows the relay's own message.
 */
export function throwForRelayError(z: ZObject, response: HttpResponse, now: Date): void {
  if (response.status < 400) return;
  const { code, message } = describeError(response);
  if (response.status === 401) {
    throw new z.errors.ExpiredAuthError(
      `API key rejected by the FourthChat relay (${message}). Reconnect FourthChat with a valid API key.`,
    );
  }
  if (response.status === 429 || response.status === 503) {
    throw new z.errors.ThrottledError(message, retryAfterSeconds(response, now));
  }
  if (code === 'connection_disabled') throw new z.errors.HaltedError(message);
  throw new z.errors.Error(message, code, response.status);
}
