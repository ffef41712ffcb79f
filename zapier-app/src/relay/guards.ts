import { isNonEmptyString, isPlainObject, type Workspace } from '../shared/index.js';

/** `GET /api/me`: what the connection label needs. */
export function isWorkspace(value: unknown): value is Workspace {
  return (
    isPlainObject(value) && isNonEmptyString(value.workspaceId) && typeof value.name === 'string'
  );
}

/** Any relay object with an id and a name: enough for a dropdown entry. */
export function isNamedObject(
  value: unknown,
): value is Record<string, unknown> & { id: string; name: string } {
  return isPlainObject(value) && isNonEmptyString(value.id) && typeof value.name === 'string';
}
