import type { INodeProperties } from 'n8n-workflow';
import { getDescription } from './get';

export const conversationDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['conversation'] } },
    options: [
      {
        name: 'Get',
        value: 'get',
        action: 'Get a conversation',
        description: 'Get a conversation and its messages',
      },
    ],
    default: 'get',
  },
  ...getDescription,
];
