import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isAcceptedMessage } from '../../../../shared';
import { CREDENTIAL_TYPE, type FourthChatCredentials } from '../../../common/credentials';
import { exceedsSyncWindow, replyWaitOf, type ReplyWait } from './replyWait';
import { idempotencyKeyOf, postMessage, type Callback } from './send';
import { callbackSecret, waitingItem } from './waitingItem';

/**
 * Whether this run waits past the relay's sync window: Message → Send of one item (n8n resumes
 * a waiting execution once, so one reply per run), not as an AI tool (an agent's tool call
 * cannot be parked), with a Timeout beyond the window. An invalid Timeout is left to the
 * per-item run, which fails that item.
 */
export function waitsPastSyncWindow(this: IExecuteFunctions): boolean {
  if (this.getNodeParameter('resource', 0) !== 'message') return false;
  if (this.getNodeParameter('operation', 0) !== 'send') return false;
  if (this.getInputData().length !== 1 || this.isToolExecution()) return false;
  try {
    return exceedsSyncWindow(replyWaitOf.call(this, 0));
  } catch {
    return false;
  }
}

async function callbackFor(this: IExecuteFunctions, idempotencyKey: string): Promise<Callback> {
  const resumeUrl = this.evaluateExpression('{{ $execution.resumeUrl }}', 0);
  if (typeof resumeUrl !== 'string' || !/^https?:\/\//.test(resumeUrl)) {
    throw new NodeOperationError(this.getNode(), 'n8n gave no resume URL to wait for the reply');
  }
  const { apiKey } = await this.getCredentials<FourthChatCredentials>(CREDENTIAL_TYPE, 0);
  return {
    callbackUrl: resumeUrl,
    callbackSecret: callbackSecret(apiKey, this.getExecutionId(), idempotencyKey),
  };
}

/**
 * Message → Send of one item that may wait for hours. The message goes out with the sync wait
 * and a callback to this execution's resume URL: a reply within the window is returned at once
 * (the relay then sends no callback); otherwise the execution is put to wait until the Timeout
 * and the relay's signed callback resumes it through this node's webhook (callback.ts).
 *
 * How n8n resumes (n8n-core `WorkflowExecute.handleWaitingState`, n8n's `WaitingWebhooks`): the
 * node does not run again; it passes on the data of its execution entry, which a resume URL call
 * replaces with what the webhook returned, and which the timeout leaves as it was. So that entry
 * gets the item the timeout should give (the error, or the accepted IDs), and the webhook reads it
 * back as `$json` to check the callback against.
 */
export async function sendAndWait(
  this: IExecuteFunctions,
  now: Date,
): Promise<INodeExecutionData[][]> {
  const wait: ReplyWait | undefined = replyWaitOf.call(this, 0);
  const idempotencyKey = idempotencyKeyOf.call(this, 0);
  const callback = await callbackFor.call(this, idempotencyKey);
  const body = await postMessage.call(this, { itemIndex: 0, wait, idempotencyKey, callback });
  if (wait === undefined || !isAcceptedMessage(body)) {
    return [[{ json: body, pairedItem: { item: 0 } }]];
  }
  const item: INodeExecutionData = {
    json: waitingItem(this.getNode(), body, wait, idempotencyKey),
    pairedItem: { item: 0 },
  };
  this.getExecuteData().data = { main: [[item]] };
  await this.putExecutionToWait(new Date(now.getTime() + wait.seconds * 1000));
  return [[item]];
}
