import { createHash } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/** Where one item of one node run sits in an execution: what its Idempotency-Key is made of. */
export interface ItemRun {
  executionId: string;
  nodeName: string;
  /** The how-manieth time this node runs in the execution (each loop pass is a new run). */
  runIndex: number;
  itemIndex: number;
}

/**
 * The Idempotency-Key of one item of one node run. n8n's "Retry On Fail" repeats a run with the
 * same run index, so its repeats reuse the key and the relay answers the first request again; a
 * loop runs the node again with the next run index, so every pass sends its own message.
 */
export function deriveIdempotencyKey(run: ItemRun): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([run.executionId, run.nodeName, run.runIndex, run.itemIndex]))
    .digest('hex');
  return `n8n-${digest.slice(0, 40)}`;
}

/**
 * The run index of the node's current run. IExecuteFunctions has no getter of its own for it; the
 * expression proxy (`$runIndex` in expressions) is built on the run index of this very context.
 */
export function currentRunIndex(context: IExecuteFunctions): number {
  const runIndex: unknown = context.getWorkflowDataProxy(0).$thisRunIndex;
  // Only a host without run indexes could give anything else; every run there is the first.
  return typeof runIndex === 'number' && Number.isInteger(runIndex) && runIndex >= 0 ? runIndex : 0;
}
