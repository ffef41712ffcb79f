import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isAcceptedMessage, isOutgoingPayload } from '../../../../shared';
import { connectionIdOfItem, connectionLocator } from '../../../common/connectionLocator';
import { expectBody, isDataObject } from '../../../common/json';
import { optionalText, requiredText } from '../../../common/parameters';
import { apiPath, relayRequest, type RelayRequest } from '../../../common/transport';
import { deriveIdempotencyKey } from './idempotencyKey';
import { metadataFromPairs } from './metadata';

const showOnlyForSend = { show: { resource: ['message'], operation: ['send'] } };

/** Time the HTTP call gets beyond the relay's own wait, so the relay's 202 arrives first. */
const HTTP_MARGIN_MS = 15_000;

export const sendDescription: INodeProperties[] = [
  { ...connectionLocator, displayOptions: showOnlyForSend },
  {
    displayName: 'Message',
    name: 'message',
    type: 'string',
    typeOptions: { rows: 3 },
    required: true,
    default: '',
    description: 'What the user says to the chatbot',
    displayOptions: showOnlyForSend,
  },
  {
    displayName: 'User ID',
    name: 'userId',
    type: 'string',
    default: '',
    description:
      'Identifies the user; messages with the same user ID on a connection continue one conversation',
    displayOptions: showOnlyForSend,
  },
  {
    displayName: 'Wait for AI Reply',
    name: 'waitForReply',
    type: 'boolean',
    default: true,
    description:
      'Whether to wait for the reply and return it. Otherwise the node returns the accepted IDs at once and the reply goes to the webhook URL and to triggers.',
    displayOptions: showOnlyForSend,
  },
  {
    displayName: 'Timeout (Seconds)',
    name: 'timeoutSeconds',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 25,
    description:
      'How long to wait for the reply. The relay may cap it; without a reply in time the node returns the accepted IDs.',
    displayOptions: { show: { ...showOnlyForSend.show, waitForReply: [true] } },
  },
  {
    displayName: 'Metadata',
    name: 'metadata',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    placeholder: 'Add Metadata',
    default: {},
    description: 'Key/value pairs stored with the message and echoed back with the reply',
    displayOptions: showOnlyForSend,
    options: [
      {
        displayName: 'Entry',
        name: 'entries',
        values: [
          { displayName: 'Key', name: 'key', type: 'string', default: '' },
          { displayName: 'Value', name: 'value', type: 'string', default: '' },
        ],
      },
    ],
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: showOnlyForSend,
    options: [
      {
        displayName: 'Idempotency Key',
        name: 'idempotencyKey',
        type: 'string',
        default: '',
        description:
          'Repeats with the same key within 24 hours return the first answer and create nothing. Empty: derived from the execution ID, node name and item index.',
      },
    ],
  },
];

function messageBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
  const node = this.getNode();
  const body: IDataObject = {
    connectionId: connectionIdOfItem.call(this, itemIndex),
    message: requiredText(node, 'Message', this.getNodeParameter('message', itemIndex), itemIndex),
  };
  const userId = optionalText(
    node,
    'User ID',
    this.getNodeParameter('userId', itemIndex, ''),
    itemIndex,
  );
  if (userId !== undefined) body.userId = userId;
  const metadata = metadataFromPairs(this.getNodeParameter('metadata', itemIndex, {}));
  if (metadata !== undefined) body.metadata = metadata;
  return body;
}

function idempotencyKeyOf(this: IExecuteFunctions, itemIndex: number): string {
  const node = this.getNode();
  const options: unknown = this.getNodeParameter('options', itemIndex, {});
  const given = isDataObject(options)
    ? optionalText(node, 'Idempotency Key', options.idempotencyKey, itemIndex)
    : undefined;
  return given ?? deriveIdempotencyKey(this.getExecutionId(), node.name, itemIndex);
}

/** The query and HTTP timeout that make the relay hold the answer until the reply exists. */
function waitingFor(
  this: IExecuteFunctions,
  itemIndex: number,
): Pick<RelayRequest, 'qs' | 'timeoutMs'> {
  if (this.getNodeParameter('waitForReply', itemIndex, true) !== true) return {};
  const seconds = Number(this.getNodeParameter('timeoutSeconds', itemIndex, 25));
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new NodeOperationError(this.getNode(), '"Timeout (Seconds)" must be a positive number', {
      itemIndex,
    });
  }
  const waitMs = Math.round(seconds * 1000);
  return { qs: { wait: 'true', timeoutMs: waitMs }, timeoutMs: waitMs + HTTP_MARGIN_MS };
}

/** Message → Send: the reply when waiting for it (and it came in time), else the accepted IDs. */
export async function send(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
  const answer = await relayRequest.call(this, {
    method: 'POST',
    path: apiPath('webhooks', 'incoming'),
    body: messageBody.call(this, itemIndex),
    headers: { 'Idempotency-Key': idempotencyKeyOf.call(this, itemIndex) },
    ...waitingFor.call(this, itemIndex),
    itemIndex,
  });
  return expectBody(
    this.getNode(),
    answer,
    itemIndex,
    (reply) => isOutgoingPayload(reply) || isAcceptedMessage(reply),
  );
}
