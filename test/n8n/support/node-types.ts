import type { IDataObject, INodeType, INodeTypes } from 'n8n-workflow';
import { FourthChat } from '../../../n8n-nodes/nodes/FourthChat/FourthChat.node';
import { FourthChatTrigger } from '../../../n8n-nodes/nodes/FourthChatTrigger/FourthChatTrigger.node';

/** The node types the package registers, under the names n8n gives a community package's nodes. */
export const ACTION_TYPE = 'n8n-nodes-fourthchat.fourthChat';
export const TRIGGER_TYPE = 'n8n-nodes-fourthchat.fourthChatTrigger';

const types: Record<string, INodeType> = {
  [ACTION_TYPE]: new FourthChat(),
  [TRIGGER_TYPE]: new FourthChatTrigger(),
};

/** n8n's node type registry, holding this package's two nodes (as n8n loads them: one class each). */
export const nodeTypes: INodeTypes = {
  getByName(type) {
    return nodeType(type);
  },
  getByNameAndVersion(type) {
    return nodeType(type);
  },
  getKnownTypes(): IDataObject {
    return Object.fromEntries(Object.keys(types).map((type) => [type, {}]));
  },
};

function nodeType(type: string): INodeType {
  const found = types[type];
  if (found === undefined) throw new Error(`Unknown node type ${type}`);
  return found;
}
