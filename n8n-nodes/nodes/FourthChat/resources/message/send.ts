import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isAcceptedMessage, isOutgoingPayload } from '../../../../shared';
import { connectionIdOfItem, connectionLocator } from '../../../common/connectionLocator';
import { expectBody, isDataObject } from '../../../common/json';
import { optionalText } from '../../../common/parameters';
import { apiPath, relayRequest } from '../../../common/transport';
import { currentRunIndex, deriveIdempotencyKey } from './idempotencyKey';
import { messageText } from './messageText';
import { metadataFromPairs, metadataPairsProperty } from '../../../common/metadata';
import {
  replyNotReady,
  replyWaitDescription,
  replyWaitOf,
  SYNC_WINDOW_MS,
  waitRequest,
  type ReplyWait,
} from './replyWait';

const showOnlyForSend = { show: { resource: ['message'], operation: ['send'] } };

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
  ...replyWaitDescription,
  {
    ...metadataPairsProperty,
    description: 'Key/value pairs stored with the message and echoed back with the reply',
    displayOptions: showOnlyForSend,
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
          'Repeats with the same key within 24 hours return the first answer and create nothing. Empty: derived from the execution ID, node name, run (loop pass) and item index.',
      },
    ],
  },
];

function messageBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
  const node = this.getNode();
  const body: IDataObject = {
    connectionId: connectionIdOfItem.call(this, itemIndex),
    message: messageText(node, this.getNodeParameter('message', itemIndex), itemIndex),
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

/** The Idempotency-Key of one item: the one given as an option, else derived from where it runs. */
export function idempotencyKeyOf(this: IExecuteFunctions, itemIndex: number): string {
  const node = this.getNode();
  const options: unknown = this.getNodeParameter('options', itemIndex, {});
  const given = isDataObject(options)
    ? optionalText(node, 'Idempotency Key', options.idempotencyKey, itemIndex)
    : undefined;
  return (
    given ??
    deriveIdempotencyKey({
      executionId: this.getExecutionId(),
      nodeName: node.name,
      runIndex: currentRunIndex(this),
      itemIndex,
    })
  );
}

/** Where the relay POSTs the reply (or its final failure) once, and the secret it signs it with. */
export interface Callback {
  callbackUrl: string;
  callbackSecret: string;
}

export interface OutgoingMessage {
  itemIndex: number;
  wait: ReplyWait | undefined;
  idempotencyKey: string;
  callback?: Callback;
}

/** Sends one item's message; the answer is the reply (when it came within the wait) or the accepted IDs. */
export async function postMessage(
  this: IExecuteFunctions,
  message: OutgoingMessage,
): Promise<IDataObject> {
  const { itemIndex, wait, idempotencyKey, callback } = message;
  const answer = await relayRequest.call(this, {
    method: 'POST',
    path: apiPath('webhooks', 'incoming'),
    body: { ...messageBody.call(this, itemIndex), ...callback },
    headers: { 'Idempotency-Key': idempotencyKey },
    ...waitRequest(wait),
    itemIndex,
  });
  return expectBody(
    this.getNode(),
    answer,
    itemIndex,
    (reply) => isOutgoingPayload(reply) || isAcceptedMessage(reply),
  );
}

/**
 * Message → Send within the relay's sync window: the reply when waiting for it, else the accepted
 * IDs. A wait that ends without the reply fails the item unless "On Timeout" asks for the
 * accepted IDs. (A run of one item that waits longer goes through `sendAndWait`.)
 */
export async function send(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
  const wait = replyWaitOf.call(this, itemIndex);
  const idempotencyKey = idempotencyKeyOf.call(this, itemIndex);
  const body = await postMessage.call(this, { itemIndex, wait, idempotencyKey });
  if (wait === undefined || wait.onTimeout === 'returnAccepted' || !isAcceptedMessage(body)) {
    return body;
  }
  const waited = Math.min(wait.seconds, SYNC_WINDOW_MS / 1000);
  throw replyNotReady(this.getNode(), body, wait, itemIndex, waited);
}
