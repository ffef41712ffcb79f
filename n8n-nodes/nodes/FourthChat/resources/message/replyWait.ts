import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { AcceptedMessage } from '../../../../shared';
import type { RelayRequest } from '../../../common/transport';

/** What to do when the relay answers "accepted" because the reply took longer than the wait. */
export type OnTimeout = 'error' | 'returnAccepted';

export interface ReplyWait {
  seconds: number;
  onTimeout: OnTimeout;
}

/** Time the HTTP call gets beyond the relay's own wait, so the relay's 202 arrives first. */
const HTTP_MARGIN_MS = 15_000;

const showForSend = { resource: ['message'], operation: ['send'] };
const showWhenWaiting = { show: { ...showForSend, waitForReply: [true] } };

export const replyWaitDescription: INodeProperties[] = [
  {
    displayName: 'Wait for AI Reply',
    name: 'waitForReply',
    type: 'boolean',
    default: true,
    description:
      'Whether to wait for the reply and return it. Otherwise the node returns the accepted IDs at once and the reply goes to the webhook URL and to triggers.',
    displayOptions: { show: showForSend },
  },
  {
    displayName: 'Timeout (Seconds)',
    name: 'timeoutSeconds',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 25,
    description:
      'How long to wait for the reply. The relay caps it (RELAY_SYNC_TIMEOUT_MS, 25 seconds by default).',
    displayOptions: showWhenWaiting,
  },
  {
    displayName: 'On Timeout',
    name: 'onTimeout',
    type: 'options',
    default: 'error',
    description: 'What to do when the reply is not ready within the timeout',
    displayOptions: showWhenWaiting,
    options: [
      {
        name: 'Error',
        value: 'error',
        description:
          'Fail the item; the error names the accepted connection, conversation and message IDs',
      },
      {
        name: 'Return Accepted Message',
        value: 'returnAccepted',
        description:
          'Return the accepted IDs (status "accepted") without the reply; it still reaches the webhook URL and triggers',
      },
    ],
  },
];

/** The wait asked for on one item, or undefined when the node does not wait for the reply. */
export function replyWaitOf(this: IExecuteFunctions, itemIndex: number): ReplyWait | undefined {
  if (this.getNodeParameter('waitForReply', itemIndex, true) !== true) return undefined;
  const seconds = Number(this.getNodeParameter('timeoutSeconds', itemIndex, 25));
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new NodeOperationError(this.getNode(), '"Timeout (Seconds)" must be a positive number', {
      itemIndex,
    });
  }
  const onTimeout = this.getNodeParameter('onTimeout', itemIndex, 'error');
  return { seconds, onTimeout: onTimeout === 'returnAccepted' ? 'returnAccepted' : 'error' };
}

/** The query and HTTP timeout that make the relay hold the answer until the reply exists. */
export function waitRequest(wait: ReplyWait | undefined): Pick<RelayRequest, 'qs' | 'timeoutMs'> {
  if (wait === undefined) return {};
  const waitMs = Math.round(wait.seconds * 1000);
  return { qs: { wait: 'true', timeoutMs: waitMs }, timeoutMs: waitMs + HTTP_MARGIN_MS };
}

/**
 * A wait that ended without the reply: an error by default, because a later node reading
 * `message.content` would otherwise get nothing and carry on as if the chatbot had said nothing.
 */
export function replyNotReady(
  node: INode,
  accepted: AcceptedMessage,
  wait: ReplyWait,
  itemIndex: number,
): NodeOperationError {
  const { connectionId, conversationId, messageId } = accepted;
  return new NodeOperationError(node, `The AI reply was not ready within ${wait.seconds} seconds`, {
    description:
      `The relay accepted the message (connectionId ${connectionId}, conversationId ${conversationId}, messageId ${messageId}); ` +
      "its reply still goes to the connection's webhook URL and to FourthChat Triggers, and Conversation → Get reads it later. " +
      'Raise "Timeout (Seconds)" (the relay caps a wait at its RELAY_SYNC_TIMEOUT_MS, 25 seconds by default), ' +
      'or set "On Timeout" to "Return Accepted Message" to go on without the reply.',
    itemIndex,
  });
}
