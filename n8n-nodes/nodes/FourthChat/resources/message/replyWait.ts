import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { AcceptedMessage } from '../../../../shared';
import type { RelayRequest } from '../../../common/transport';

/** What to do when the reply is not there when the timeout ends. */
export type OnTimeout = 'error' | 'returnAccepted';

export interface ReplyWait {
  seconds: number;
  onTimeout: OnTimeout;
}

/**
 * How long one request waits for the reply at most: the relay's default sync window
 * (RELAY_SYNC_TIMEOUT_MS, which caps it anyway). A longer Timeout puts the execution to wait.
 */
export const SYNC_WINDOW_MS = 25_000;

/** The longest Timeout: a day. */
const MAX_WAIT_SECONDS = 24 * 60 * 60;

const UNIT_SECONDS: Readonly<Record<string, number>> = { seconds: 1, minutes: 60, hours: 3600 };

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
    // The name predates the unit: workflows saved before it keep their seconds.
    displayName: 'Timeout',
    name: 'timeoutSeconds',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 25,
    description:
      "How long to wait for the reply, up to 24 hours. Beyond the relay's sync window (25 seconds by default) the execution waits, as n8n's Wait node does, and the relay's signed callback resumes it (one item per run).",
    displayOptions: showWhenWaiting,
  },
  {
    displayName: 'Timeout Unit',
    name: 'timeoutUnit',
    type: 'options',
    default: 'seconds',
    displayOptions: showWhenWaiting,
    options: [
      { name: 'Seconds', value: 'seconds' },
      { name: 'Minutes', value: 'minutes' },
      { name: 'Hours', value: 'hours' },
    ],
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
  const amount = Number(this.getNodeParameter('timeoutSeconds', itemIndex, 25));
  const unit = UNIT_SECONDS[String(this.getNodeParameter('timeoutUnit', itemIndex, 'seconds'))];
  const seconds = amount * (unit ?? NaN);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_WAIT_SECONDS) {
    throw new NodeOperationError(
      this.getNode(),
      '"Timeout" must be between 1 second and 24 hours',
      {
        itemIndex,
      },
    );
  }
  const onTimeout = this.getNodeParameter('onTimeout', itemIndex, 'error');
  return { seconds, onTimeout: onTimeout === 'returnAccepted' ? 'returnAccepted' : 'error' };
}

/** Whether the wait goes beyond what one request to the relay can wait. */
export function exceedsSyncWindow(wait: ReplyWait | undefined): boolean {
  return wait !== undefined && wait.seconds * 1000 > SYNC_WINDOW_MS;
}

/** The query and HTTP timeout that make the relay hold the answer until the reply exists. */
export function waitRequest(wait: ReplyWait | undefined): Pick<RelayRequest, 'qs' | 'timeoutMs'> {
  if (wait === undefined) return {};
  const waitMs = Math.min(Math.round(wait.seconds * 1000), SYNC_WINDOW_MS);
  return { qs: { wait: 'true', timeoutMs: waitMs }, timeoutMs: waitMs + HTTP_MARGIN_MS };
}

function timeoutText(wait: ReplyWait, waitedSeconds: number): string {
  return waitedSeconds < wait.seconds
    ? `The AI reply was not ready within ${waitedSeconds} seconds (of the ${wait.seconds} asked for)`
    : `The AI reply was not ready within ${wait.seconds} seconds`;
}

/**
 * A wait that ended without the reply: an error by default, because a later node reading
 * `message.content` would otherwise get nothing and carry on as if the chatbot had said nothing.
 * `waitedSeconds` is less than the Timeout when the node could wait only within the sync window
 * (several items, or a run as an AI tool).
 */
export function replyNotReady(
  node: INode,
  accepted: AcceptedMessage,
  wait: ReplyWait,
  itemIndex: number,
  waitedSeconds = wait.seconds,
): NodeOperationError {
  const { connectionId, conversationId, messageId } = accepted;
  const capped =
    waitedSeconds < wait.seconds
      ? 'With several input items (or as an AI tool) each item waits only within the sync window, because n8n resumes a waiting execution once: put a Loop Over Items (batch size 1) before this node to wait longer for each. '
      : 'Raise "Timeout" to wait longer. ';
  return new NodeOperationError(node, timeoutText(wait, waitedSeconds), {
    description:
      `The relay accepted the message (connectionId ${connectionId}, conversationId ${conversationId}, messageId ${messageId}); ` +
      "its reply still goes to the connection's webhook URL and to FourthChat Triggers, and Conversation → Get reads it later. " +
      capped +
      'Or set "On Timeout" to "Return Accepted Message" to go on without the reply.',
    itemIndex,
  });
}
