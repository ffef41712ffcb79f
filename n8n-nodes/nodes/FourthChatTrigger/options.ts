import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isPlainObject, type SubscriptionFilter, type WhileUnpublished } from '../../shared';
import { optionalText } from '../common/parameters';
import { metadataEntries, metadataPairsProperty } from '../common/metadata';

export const FILTERS_PARAMETER = 'filters';
export const OPTIONS_PARAMETER = 'options';

export const filtersProperty: INodeProperties = {
  displayName: 'Filters',
  name: FILTERS_PARAMETER,
  type: 'collection',
  placeholder: 'Add Filter',
  default: {},
  description:
    'Only replies (and Message Failed events) of messages that match every filter start the workflow; the relay applies them',
  options: [
    {
      ...metadataPairsProperty,
      description:
        'Key/value pairs the message\'s metadata must hold (a number or boolean matches its text, e.g. 42 matches "42")',
    },
    {
      displayName: 'User ID',
      name: 'userId',
      type: 'string',
      default: '',
      description: 'Only messages sent with this user ID',
    },
  ],
};

export const optionsProperty: INodeProperties = {
  displayName: 'Options',
  name: OPTIONS_PARAMETER,
  type: 'collection',
  placeholder: 'Add Option',
  default: {},
  options: [
    {
      displayName: 'Include Test Events',
      name: 'includeTestEvents',
      type: 'boolean',
      default: false,
      description:
        'Whether to also start the workflow for the test payload that a connection test sends',
    },
    {
      displayName: 'While Unpublished',
      name: 'whileUnpublished',
      type: 'options',
      default: 'hold',
      description: 'What the relay does with replies while the workflow is unpublished',
      options: [
        {
          name: 'Hold Replies',
          value: 'hold',
          description:
            'Pause the subscription and keep its replies; publishing again delivers them, oldest first',
        },
        {
          name: 'Drop Replies',
          value: 'drop',
          description: 'Remove the subscription; replies while unpublished are not delivered here',
        },
      ],
    },
  ],
};

/** What the trigger asks of its subscription besides the URL and events. */
export interface SubscriptionOptions {
  filter: SubscriptionFilter;
  whileUnpublished: WhileUnpublished;
}

function collection(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

/** The Filters parameter as the relay's `filter` (`{}` matches every message). */
export function subscriptionFilter(node: INode, value: unknown): SubscriptionFilter {
  const filters = collection(value);
  const filter: SubscriptionFilter = {};
  const userId = optionalText(node, 'User ID', filters.userId);
  if (userId !== undefined) filter.userId = userId;
  const metadata: Record<string, string> = {};
  for (const { key, value: entryValue } of metadataEntries(filters.metadata)) {
    metadata[key] = typeof entryValue === 'string' ? entryValue : JSON.stringify(entryValue);
  }
  if (Object.keys(metadata).length > 0) filter.metadata = metadata;
  return filter;
}

export function whileUnpublished(node: INode, value: unknown): WhileUnpublished {
  const chosen = collection(value).whileUnpublished;
  if (chosen === undefined || chosen === 'hold') return 'hold';
  if (chosen === 'drop') return 'drop';
  throw new NodeOperationError(
    node,
    `"While Unpublished" is not one of its options: ${String(chosen)}`,
  );
}

export function includesTestEvents(value: unknown): boolean {
  return collection(value).includeTestEvents === true;
}
