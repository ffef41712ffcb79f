import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
} from 'n8n-workflow';
import { searchConnections } from '../common/connectionLocator';
import { CREDENTIAL_TYPE } from '../common/credentials';
import { executeItems } from './execute';
import { connectionDescription } from './resources/connection';
import { conversationDescription } from './resources/conversation';
import { messageDescription } from './resources/message';
import { callbackWebhooks, receiveCallback } from './resources/message/callback';

export class FourthChat implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'FourthChat',
    name: 'fourthChat',
    icon: {
      light: 'file:../../icons/fourthchat.svg',
      dark: 'file:../../icons/fourthchat.dark.svg',
    },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Send messages to a FourthChat chatbot and read its conversations',
    defaults: { name: 'FourthChat' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: CREDENTIAL_TYPE, required: true }],
    webhooks: callbackWebhooks,
    properties: [
      {
        displayName: 'Resource',
        name: 'resource',
        type: 'options',
        noDataExpression: true,
        options: [
          { name: 'Connection', value: 'connection' },
          { name: 'Conversation', value: 'conversation' },
          { name: 'Message', value: 'message' },
        ],
        default: 'message',
      },
      ...messageDescription,
      ...conversationDescription,
      ...connectionDescription,
    ],
  };

  methods = { listSearch: { searchConnections } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await executeItems.call(this, new Date());
  }

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await receiveCallback.call(this, new Date());
  }
}
