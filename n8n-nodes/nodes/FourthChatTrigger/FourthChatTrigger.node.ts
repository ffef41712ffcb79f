import {
  NodeConnectionTypes,
  type IHookFunctions,
  type IWebhookFunctions,
  type IWebhookResponseData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { connectionLocator, searchConnections } from '../common/connectionLocator';
import { CREDENTIAL_TYPE } from '../common/credentials';
import { eventProperty, eventSubtitle } from './event';
import { subscribe, subscriptionExists, unsubscribe } from './lifecycle';
import { receive } from './receive';

export class FourthChatTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'FourthChat Trigger',
    name: 'fourthChatTrigger',
    icon: {
      light: 'file:../../icons/fourthchat.svg',
      dark: 'file:../../icons/fourthchat.dark.svg',
    },
    group: ['trigger'],
    version: 1,
    subtitle: eventSubtitle,
    description:
      'Starts the workflow when the chatbot of a FourthChat connection replies, or when its deliveries fail',
    defaults: { name: 'FourthChat Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: CREDENTIAL_TYPE, required: true }],
    webhooks: [
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: 'onReceived',
        // Empty, so n8n answers the relay with `webhookResponse` rather than workflow data.
        responseData: '',
        path: 'webhook',
      },
    ],
    properties: [
      connectionLocator,
      eventProperty,
      {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add Option',
        default: {},
        options: [
          {
            displayName: 'Include Test Events',
            name: 'includeTestEvents',
            type: 'boolean',
            default: false,
            description:
              'Whether to also start the workflow for the test payload that a connection test sends',
          },
        ],
      },
    ],
  };

  methods = { listSearch: { searchConnections } };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        return await subscriptionExists.call(this);
      },
      async create(this: IHookFunctions): Promise<boolean> {
        return await subscribe.call(this);
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        return await unsubscribe.call(this);
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await receive.call(this, new Date());
  }
}
