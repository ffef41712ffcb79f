import type { INodeProperties } from 'n8n-workflow';
import { sendTestDescription } from './sendTest';

export const connectionDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['connection'] } },
    options: [
      {
        name: 'Test',
        value: 'test',
        action: 'Test a connection',
        description: 'Send the test payload to the webhook URL and every subscription',
      },
    ],
    default: 'test',
  },
  ...sendTestDescription,
];
