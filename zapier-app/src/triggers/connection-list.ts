import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CONNECTION_LIST_KEY } from '../fields/connection.js';
import { expectBody, isListOf } from '../relay/body.js';
import { isNamedObject } from '../relay/guards.js';
import { relayUrl } from '../relay/url.js';
import type { Connection } from '../shared/index.js';

const perform: PollingTriggerPerform = async (z, bundle) => {
  const response = await z.request({ url: relayUrl(z, bundle.authData, '/api/connections') });
  return expectBody(z, response, isListOf(isNamedObject), 'the connection list').data;
};

const sample = {
  id: 'conn_5f1c2a9e',
  chatbotId: 'bot_0c4e7d21',
  name: 'Support desk',
  webhookUrl: 'https://crm.example.com/fourthchat/webhook',
  customHeaders: {},
  enabled: true,
  incomingWebhookUrl: 'https://relay.example.com/api/webhooks/incoming',
  createdAt: '2024-01-15T10:00:00Z',
  updatedAt: '2024-01-15T10:00:00Z',
  health: [
    {
      target: { kind: 'webhook', url: 'https://crm.example.com/fourthchat/webhook' },
      state: 'healthy',
      last24h: { attempts: 12, succeeded: 12, successRate: 1, p50Ms: 180, p99Ms: 420 },
      consecutiveFailures: 0,
      lastSuccessAt: '2024-01-15T09:58:00Z',
    },
  ],
} satisfies Connection;

/** Hidden: it only feeds the Connection dropdown of the other steps. */
export const connectionList = defineTrigger({
  key: CONNECTION_LIST_KEY,
  noun: 'Connection',
  display: {
    label: 'Connections',
    description: 'Lists the Custom Webhook connections of the workspace.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    sample,
    outputFields: [
      { key: 'id', label: 'Connection ID', type: 'string' },
      { key: 'name', label: 'Name', type: 'string' },
      { key: 'chatbotId', label: 'Chatbot ID', type: 'string' },
      { key: 'enabled', label: 'Enabled', type: 'boolean' },
      { key: 'incomingWebhookUrl', label: 'Incoming Webhook URL', type: 'string' },
    ],
  },
});
