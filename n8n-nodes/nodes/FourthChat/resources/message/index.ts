import type { INodeProperties } from 'n8n-workflow';
import { sendDescription } from './send';

export const messageDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['message'] } },
    options: [
      {
        name: 'Send',
        value: 'send',
        action: 'Send a message',
        description: 'Send a message to the chatbot of a connection',
      },
    ],
    default: 'send',
  },
  ...sendDescription,
];
