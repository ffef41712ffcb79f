import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from '../../../../shared';

interface MetadataEntry {
  key: string;
  value: unknown;
}

function isMetadataEntry(value: unknown): value is MetadataEntry {
  return isPlainObject(value) && typeof value.key === 'string';
}

// Expressions may give numbers or booleans: they stay JSON scalars; anything else becomes text.
function scalar(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/**
 * The "Metadata" key/value pairs as the request's metadata object; entries without a key are
 * skipped, a repeated key keeps its last value. Undefined when nothing is left.
 */
export function metadataFromPairs(parameter: unknown): IDataObject | undefined {
  const entries =
    isPlainObject(parameter) && Array.isArray(parameter.entries) ? parameter.entries : [];
  const metadata: IDataObject = {};
  for (const entry of entries.filter(isMetadataEntry)) {
    const key = entry.key.trim();
    if (key !== '') metadata[key] = scalar(entry.value);
  }
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}
