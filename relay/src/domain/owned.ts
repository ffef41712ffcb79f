import type { Collection, Filter } from 'mongodb';
import { notFound } from '../http/errors.js';

/** A workspace's own document or a 404: other workspaces' objects do not exist for this key. */
export async function findOwned<T extends { _id: string; workspaceId: string }>(
  collection: Collection<T>,
  id: string,
  workspaceId: string,
  what: string,
): Promise<T> {
  const doc = await collection.findOne({ _id: id, workspaceId } as Filter<T>);
  if (!doc) throw notFound(what);
  return doc as T;
}
