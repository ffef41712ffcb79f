import type {
  IExecuteFunctions,
  ILoadOptionsFunctions,
  INodeListSearchResult,
  INodeProperties,
} from 'n8n-workflow';
import { isNonEmptyString, isPlainObject } from '../../shared';
import { listData } from './json';
import { requiredText } from './parameters';
import { apiPath, relayRequest } from './transport';

export const CONNECTION_PARAMETER = 'connectionId';

/** The connection picker: from the workspace's connections, or an ID typed or mapped in. */
export const connectionLocator: INodeProperties = {
  displayName: 'Connection',
  name: CONNECTION_PARAMETER,
  type: 'resourceLocator',
  default: { mode: 'list', value: '' },
  required: true,
  description: 'The Custom Webhook connection of a chatbot',
  modes: [
    {
      displayName: 'From List',
      name: 'list',
      type: 'list',
      placeholder: 'Select a connection...',
      typeOptions: { searchListMethod: 'searchConnections', searchable: true },
    },
    {
      displayName: 'By ID',
      name: 'id',
      type: 'string',
      placeholder: 'e.g. 6650f1c2a7b3c4d5e6f70812',
    },
  ],
};

interface ConnectionSummary {
  id: string;
  name: string;
}

function isConnectionSummary(value: unknown): value is ConnectionSummary {
  return isPlainObject(value) && isNonEmptyString(value.id) && typeof value.name === 'string';
}

/** `listSearch` method behind {@link connectionLocator}: the workspace's connections by name. */
export async function searchConnections(
  this: ILoadOptionsFunctions,
  filter?: string,
): Promise<INodeListSearchResult> {
  const { body } = await relayRequest.call(this, { method: 'GET', path: apiPath('connections') });
  const wanted = filter?.trim().toLowerCase() ?? '';
  const results = listData(body)
    .filter(isConnectionSummary)
    .filter(({ id, name }) => wanted === '' || name.toLowerCase().includes(wanted) || id === wanted)
    .map(({ id, name }) => ({ name, value: id }));
  return { results };
}

/** The connection chosen for one item, whichever mode the locator is in. */
export function connectionIdOfItem(this: IExecuteFunctions, itemIndex: number): string {
  const value = this.getNodeParameter(CONNECTION_PARAMETER, itemIndex, '', { extractValue: true });
  return requiredText(this.getNode(), 'Connection', value, itemIndex);
}
