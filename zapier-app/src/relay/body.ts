import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { isPlainObject, type ListResponse } from '../shared/index.js';

/** The error for a 2xx answer of the wrong shape: the Relay URL points at something else, or a relay too old. */
export function unexpectedAnswer(z: ZObject, response: HttpResponse, what: string): Error {
  return new z.errors.Error(
    `The FourthChat relay sent an unexpected answer to ${what} (HTTP ${String(response.status)}). Check that the Relay URL points at a FourthChat relay.`,
    'unexpected_response',
    response.status,
  );
}

/** The response body, checked against the shape the relay's API promises. */
export function expectBody<T>(
  z: ZObject,
  response: HttpResponse,
  guard: (value: unknown) => value is T,
  what: string,
): T {
  const body: unknown = response.data;
  if (guard(body)) return body;
  throw unexpectedAnswer(z, response, what);
}

/** A guard for the relay's `{ data: [...] }` list answers whose every item passes `item`. */
export function isListOf<T>(
  item: (value: unknown) => value is T,
): (value: unknown) => value is ListResponse<T> {
  return (value: unknown): value is ListResponse<T> =>
    isPlainObject(value) && Array.isArray(value.data) && value.data.every(item);
}
