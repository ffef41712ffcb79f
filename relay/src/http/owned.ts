import { notFound } from '../errors.js';

/** A workspace's own object or a 404: other workspaces' objects do not exist for this key. */
export async function ownedOr404<T>(lookup: Promise<T | undefined>, what: string): Promise<T> {
  const doc = await lookup;
  if (doc === undefined) throw notFound(what);
  return doc;
}
