import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { connectionIdOfItem, connectionLocator } from '../../../common/connectionLocator';
import { expectBody } from '../../../common/json';
import { apiPath, relayRequest } from '../../../common/transport';

export const sendTestDescription: INodeProperties[] = [
  {
    ...connectionLocator,
    displayOptions: { show: { resource: ['connection'], operation: ['test'] } },
  },
];

/**
 * Connection → Test: the relay sends the spec's signed test payload to the webhook URL and to every
 * subscription, and reports each outcome.
 */
export async function sendTest(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
  const connectionId = connectionIdOfItem.call(this, itemIndex);
  const answer = await relayRequest.call(this, {
    method: 'POST',
    path: apiPath('connections', connectionId, 'test'),
    itemIndex,
  });
  return expectBody(this.getNode(), answer, itemIndex);
}
