import type { INode, INodeParameters } from 'n8n-workflow';
import { ACTION_TYPE, TRIGGER_TYPE } from './node-types';
import { workflowNode } from './workflow';

/** The resource locator value n8n stores for a connection picked "By ID". */
export function byId(connectionId: string): INodeParameters {
  return { __rl: true, mode: 'id', value: connectionId };
}

/** FourthChat → Message → Send, waiting for the reply (the defaults) unless told otherwise. */
export function sendMessageNode(
  connectionId: string,
  parameters: INodeParameters = {},
  extra: Partial<INode> = {},
): INode {
  return workflowNode(
    ACTION_TYPE,
    {
      resource: 'message',
      operation: 'send',
      connectionId: byId(connectionId),
      message: 'Hello, I need help!',
      ...parameters,
    },
    extra,
  );
}

export function actionNode(parameters: INodeParameters, extra: Partial<INode> = {}): INode {
  return workflowNode(ACTION_TYPE, parameters, extra);
}

let triggers = 0;

/** A FourthChat Trigger of `version` (2 unless given), with its own webhook id. */
export function triggerNode(
  connectionId: string,
  parameters: INodeParameters = {},
  version = 2,
): INode {
  triggers += 1;
  return workflowNode(
    TRIGGER_TYPE,
    { connectionId: byId(connectionId), ...parameters },
    {
      name: 'FourthChat Trigger',
      typeVersion: version,
      webhookId: `trigger-${process.pid}-${triggers}`,
    },
  );
}

/** Continue On Fail, as the node setting "On Error: Continue" stores it. */
export const CONTINUE_ON_FAIL: Partial<INode> = { onError: 'continueRegularOutput' };
