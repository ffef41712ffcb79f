import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { expectBody } from '../../../common/json';
import { requiredText } from '../../../common/parameters';
import { apiPath, relayRequest } from '../../../common/transport';

export const getDescription: INodeProperties[] = [
  {
    displayName: 'Conversation ID',
    name: 'conversationId',
    type: 'string',
    required: true,
    default: '',
    description: 'The conversationId that Send returned or that a reply carried',
    displayOptions: { show: { resource: ['conversation'], operation: ['get'] } },
  },
];

/** Conversation → Get: the conversation with all its messages, oldest first. */
export async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
  const node = this.getNode();
  const conversationId = requiredText(
    node,
    'Conversation ID',
    this.getNodeParameter('conversationId', itemIndex),
    itemIndex,
  );
  const answer = await relayRequest.call(this, {
    method: 'GET',
    path: apiPath('conversations', conversationId),
    itemIndex,
  });
  return expectBody(node, answer, itemIndex);
}
