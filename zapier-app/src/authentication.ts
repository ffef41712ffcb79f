import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { expectBody } from './relay/body.js';
import { isWorkspace } from './relay/guards.js';
import { relayUrl } from './relay/url.js';
import type { Workspace } from './shared/index.js';

/** `GET /api/me` proves the key and names the workspace for the connection label. */
const test = async (z: ZObject, bundle: Bundle): Promise<Workspace> => {
  const response = await z.request({ url: relayUrl(z, bundle.authData, '/api/me') });
  return expectBody(z, response, isWorkspace, 'the API key check');
};

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'baseUrl',
      label: 'Relay URL',
      type: 'string',
      required: true,
      helpText: 'The address of your FourthChat relay, e.g. `https://relay.example.com`.',
    },
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText: 'A FourthChat API key of the workspace whose chatbots this connection uses.',
    },
  ],
  test,
  connectionLabel: '{{bundle.inputData.name}}',
} satisfies Authentication;
