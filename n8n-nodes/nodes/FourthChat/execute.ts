import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { toNodeError } from '../common/errors';
import { sendTest } from './resources/connection/sendTest';
import { get } from './resources/conversation/get';
import { send } from './resources/message/send';

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

/**
 * Runs the chosen operation once per input item. Each output item is paired with its input; with
 * "Continue On Fail" a failed item becomes an `error` item instead of stopping the node.
 */
export async function executeItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const run = operationFor(this);
  const output: INodeExecutionData[] = [];
  const items = this.getInputData();
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      output.push({ json: await run.call(this, itemIndex), pairedItem: { item: itemIndex } });
    } catch (error) {
      const nodeError = toNodeError(this.getNode(), error, itemIndex);
      if (!this.continueOnFail()) throw nodeError;
      output.push({
        json: { error: nodeError.message, description: nodeError.description ?? null },
        pairedItem: { item: itemIndex },
      });
    }
  }
  return [output];
}
