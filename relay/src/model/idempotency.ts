export interface StoredResponse {
  status: number;
  body: unknown;
}

/** An Idempotency-Key of a workspace: the first request's answer, kept until it expires. */
export interface IdempotencyRecord {
  id: string;
  workspaceId: string;
  requestHash: string;
  response: StoredResponse | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Whether a key found reserved may be reserved anew by `attempt`: it expired, or its first
 * request never finished (its process died) before `abandonedBefore`.
 */
export function isStale(
  first: IdempotencyRecord,
  attempt: Pick<IdempotencyRecord, 'createdAt'>,
  abandonedBefore: Date,
): boolean {
  return (
    first.expiresAt <= attempt.createdAt ||
    (first.response === null && first.createdAt < abandonedBefore)
  );
}
