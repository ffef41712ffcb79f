import type {
  IAuthenticateGeneric,
  Icon,
  ICredentialTestRequest,
  ICredentialType,
  INodeProperties,
} from 'n8n-workflow';
import { credentialTestRules } from './FourthChatApi.testRules';

export class FourthChatApi implements ICredentialType {
  name = 'fourthChatApi';

  displayName = 'FourthChat API';

  icon: Icon = { light: 'file:../icons/fourthchat.svg', dark: 'file:../icons/fourthchat.dark.svg' };

  documentationUrl =
    'https://github.com/fourthchat/fourthchat-relay/tree/main/n8n-nodes#credentials';

  properties: INodeProperties[] = [
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://relay.example.com',
      description: 'Address of your FourthChat Relay, without /api',
    },
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'A workspace API key of the relay; it only sees that workspace',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '=Bearer {{$credentials.apiKey}}',
      },
    },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl}}',
      url: '/api/me',
      method: 'GET',
    },
    rules: credentialTestRules,
  };
}
