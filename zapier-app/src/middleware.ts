import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';
import { throwForRelayError } from './relay/errors.js';
import { relayBase } from './relay/url.js';

/** Adds the API key, but only to requests for the relay the user connected: it never leaks elsewhere. */
export const addBearerToken: BeforeRequestMiddleware = (request, z, bundle) => {
  if (new URL(request.url).origin !== relayBase(z, bundle.authData).origin) return request;
  return {
    ...request,
    headers: {
      ...request.headers,
      Accept: 'application/json',
      Authorization: `Bearer ${bundle.authData.apiKey ?? ''}`,
    },
  };
};

/** Maps relay errors to Zapier errors; a request with skipThrowForStatus inspects its status itself. */
export const mapRelayErrors: AfterResponseMiddleware = (response, z) => {
  if (!response.skipThrowForStatus) throwForRelayError(z, response, new Date());
  return response;
};
