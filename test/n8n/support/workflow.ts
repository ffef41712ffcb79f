import { WorkflowExecute } from 'n8n-core';
import {
  createRunExecutionData,
  Workflow,
  type INode,
  type INodeExecutionData,
  type IRun,
  type IRunExecutionData,
  type IWorkflowBase,
  type WorkflowExecuteMode,
} from 'n8n-workflow';
import { additionalData, lifecycleHooks, type AdditionalDataOptions } from './additional-data';
import { nodeTypes } from './node-types';

export const CREDENTIAL_REFERENCE = { fourthChatApi: { id: 'cred_1', name: 'FourthChat' } };

/** A node of this package in a workflow, as n8n stores it. */
export function workflowNode(
  type: string,
  parameters: INode['parameters'],
  extra: Partial<INode> = {},
): INode {
  return {
    id: 'node-1',
    name: 'FourthChat',
    type,
    typeVersion: 1,
    position: [0, 0],
    parameters,
    credentials: CREDENTIAL_REFERENCE,
    ...extra,
  };
}

/** The saved workflow of one node, and n8n's Workflow of it (which fills parameter defaults). */
export function oneNodeWorkflow(node: INode): { base: IWorkflowBase; workflow: Workflow } {
  const now = new Date();
  const base: IWorkflowBase = {
    id: 'wf_1',
    name: 'FourthChat unit test',
    active: false,
    activeVersionId: null,
    isArchived: false,
    nodes: [node],
    connections: {},
    settings: { executionOrder: 'v1' },
    createdAt: now,
    updatedAt: now,
  };
  const workflow = new Workflow({
    id: base.id,
    name: base.name,
    nodes: base.nodes,
    connections: base.connections,
    active: false,
    nodeTypes,
    settings: base.settings,
  });
  return { base, workflow };
}

/** The execution data of a run that starts at `node` with `items`, once per pass in `passes`. */
export function startingAt(
  node: INode,
  items: INodeExecutionData[],
  passes = 1,
): IRunExecutionData {
  return createRunExecutionData({
    executionData: {
      nodeExecutionStack: Array.from({ length: passes }, () => ({
        node,
        data: { main: [items] },
        source: null,
      })),
    },
  });
}

export interface EngineRun {
  workflow: Workflow;
  base: IWorkflowBase;
  data: IRunExecutionData;
  mode: WorkflowExecuteMode;
  context: Omit<AdditionalDataOptions, 'hooks'> & { executionId: string };
}

/** Runs (or resumes) an execution with n8n-core's engine, as n8n's WorkflowRunner does. */
export async function runEngine(run: EngineRun): Promise<IRun> {
  const hooks = lifecycleHooks(run.mode, run.context.executionId, run.base);
  const engine = new WorkflowExecute(additionalData({ ...run.context, hooks }), run.mode, run.data);
  return await engine.processRunExecutionData(run.workflow);
}

/** The items of each run of a node in a finished (or waiting) execution. */
export function nodeOutputs(run: IRun, nodeName: string): INodeExecutionData[][] {
  return (run.data.resultData.runData[nodeName] ?? []).map((task) => task.data?.main?.[0] ?? []);
}

/** As n8n stores an execution while it waits: serialized, and read back on resume. */
export function persisted(data: IRunExecutionData): IRunExecutionData {
  return JSON.parse(JSON.stringify(data)) as IRunExecutionData;
}
