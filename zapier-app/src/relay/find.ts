import type { Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { throwForRelayError } from './errors.js';
import { relayUrl } from './url.js';

/**
 * A GET for a search: undefined when the relay has no such object (404), since a search that
 * finds nothing returns no result rather than failing; other errors are mapped as always.
 */
export async function findOnRelay(
  z: ZObject,
  authData: Bundle['authData'],
  path: string,
  params?: Record<string, string>,
): Promise<HttpResponse | undefined> {
  const response = await z.request({
    url: relayUrl(z, authData, path),
    ...(params === undefined ? {} : { params }),
    skipThrowForStatus: true,
  });
  if (response.status === 404) return undefined;
  throwForRelayError(z, response, new Date());
  return response;
}
