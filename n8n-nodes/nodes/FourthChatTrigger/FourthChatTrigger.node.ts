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
import { eventProperty, eventsProperty, eventSubtitle } from './event';
import { filtersProperty, optionsProperty } from './options';
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
    // 2: "Events" (several) replaces "Event" (one); workflows saved with version 1 keep theirs.
    version: [1, 2],
    defaultVersion: 2,
    subtitle: eventSubtitle,
    description:
      'Starts the workflow when the chatbot of a FourthChat connection replies, or on its delivery events',
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
      eventsProperty,
      filtersProperty,
      optionsProperty,
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
