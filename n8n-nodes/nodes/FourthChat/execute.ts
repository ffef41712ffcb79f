import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toNodeError } from '../common/errors';
import { sendTest } from './resources/connection/sendTest';
import { get } from './resources/conversation/get';
import { send } from './resources/message/send';
import { sendAndWait, waitsPastSyncWindow } from './resources/message/sendAndWait';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject>;

const operations: Readonly<Record<string, Readonly<Record<string, Operation>>>> = {
  message: { send },
  conversation: { get },
  connection: { test: sendTest },
};

function operationFor(context: IExecuteFunctions): Operation {
  const resource = context.getNodeParameter('resource', 0);
  const operation = context.getNodeParameter('operation', 0);
  const run =
    typeof resource === 'string' && typeof operation === 'string'
      ? operations[resource]?.[operation]
      : undefined;
  if (run === undefined) {
    throw new NodeOperationError(
      context.getNode(),
      `Unsupported operation "${String(operation)}" of resource "${String(resource)}"`,
    );
  }
  return run;
}

/** A failed item: thrown, or with "Continue On Fail" an `error` item paired with its input. */
function failedItem(
  context: IExecuteFunctions,
  error: unknown,
  itemIndex: number,
): INodeExecutionData {
  const nodeError = toNodeError(context.getNode(), error, itemIndex);
  if (!context.continueOnFail()) throw nodeError;
  return {
    json: { error: nodeError.message, description: nodeError.description ?? null },
    pairedItem: { item: itemIndex },
  };
}

/**
 * Runs the chosen operation once per input item. Each output item is paired with its input; with
 * "Continue On Fail" a failed item becomes an `error` item instead of stopping the node. A Send
 * of one item whose Timeout goes past the relay's sync window may put the execution to wait.
 */
export async function executeItems(
  this: IExecuteFunctions,
  now: Date,
): Promise<INodeExecutionData[][]> {
  if (waitsPastSyncWindow.call(this)) {
    try {
      return await sendAndWait.call(this, now);
    } catch (error) {
      return [[failedItem(this, error, 0)]];
    }
  }
  const run = operationFor(this);
  const output: INodeExecutionData[] = [];
  const items = this.getInputData();
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      output.push({ json: await run.call(this, itemIndex), pairedItem: { item: itemIndex } });
    } catch (error) {
      output.push(failedItem(this, error, itemIndex));
    }
  }
  return [output];
}
