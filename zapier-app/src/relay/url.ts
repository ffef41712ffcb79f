import type { Bundle, ZObject } from 'zapier-platform-core';

/**
 * The relay address from the connection's `baseUrl`. The relay may be self-hosted, so its address
 * is part of the credentials rather than a constant of the app.
 */
export function relayBase(z: ZObject, authData: Bundle['authData']): URL {
  const text = (authData.baseUrl ?? '').trim();
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new z.errors.Error(
      'The Relay URL of this FourthChat connection must be an http(s) address such as https://relay.example.com. Reconnect the account with a valid Relay URL.',
      'invalid_base_url',
      400,
    );
  }
  return url;
}

/** An API URL on the connection's relay, keeping any base path the relay is mounted under. */
export function relayUrl(z: ZObject, authData: Bundle['authData'], path: string): string {
  return relayBase(z, authData).href.replace(/\/+$/, '') + path;
}

/** Builds an API path whose interpolated ids are URL-encoded, so an id can never alter the route. */
export function apiPath(parts: TemplateStringsArray, ...ids: string[]): string {
  return parts.reduce(
    (path, part, index) => path + encodeURIComponent(ids[index - 1] ?? '') + part,
  );
}
