import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { isPlainObject } from '../../shared';

/** Key/value pairs (the message's metadata, the trigger's metadata filter); spread in a description. */
export const metadataPairsProperty: INodeProperties = {
  displayName: 'Metadata',
  name: 'metadata',
  type: 'fixedCollection',
  typeOptions: { multipleValues: true },
  placeholder: 'Add Metadata',
  default: {},
  options: [
    {
      displayName: 'Entry',
      name: 'entries',
      values: [
        { displayName: 'Key', name: 'key', type: 'string', default: '' },
        { displayName: 'Value', name: 'value', type: 'string', default: '' },
      ],
    },
  ],
};

/** One key/value pair of a "Metadata" fixed collection, its key trimmed and not empty. */
export interface MetadataEntry {
  key: string;
  value: string | number | boolean;
}

function isRawEntry(value: unknown): value is { key: string; value: unknown } {
  return isPlainObject(value) && typeof value.key === 'string';
}

// Expressions may give numbers or booleans: they stay JSON scalars; anything else becomes text.
function scalar(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** The entries of a "Metadata" fixed collection (`{ entries: [{key, value}] }`), blank keys skipped. */
export function metadataEntries(parameter: unknown): MetadataEntry[] {
  const entries =
    isPlainObject(parameter) && Array.isArray(parameter.entries) ? parameter.entries : [];
  return entries
    .filter(isRawEntry)
    .map((entry) => ({ key: entry.key.trim(), value: scalar(entry.value) }))
    .filter((entry) => entry.key !== '');
}

/**
 * The "Metadata" key/value pairs as a message's metadata object; a repeated key keeps its last
 * value. Undefined when nothing is left.
 */
export function metadataFromPairs(parameter: unknown): IDataObject | undefined {
  const metadata: IDataObject = {};
  for (const { key, value } of metadataEntries(parameter)) metadata[key] = value;
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}
