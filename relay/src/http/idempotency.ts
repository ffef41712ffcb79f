import { createHash } from 'node:crypto';
import type { RelayDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import type { StoredResponse } from '../model/idempotency.js';

const KEEP_MS = 24 * 60 * 60 * 1000;
/** A first request that never finished (its process died) stops blocking its key after this. */
const ABANDONED_MS = 30_000;

export type { StoredResponse };

export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Runs `produce` once per (workspace, key) within 24 h; a repeat gets the first
 * answer back, and the same key with a different request is a 409.
 */
export async function once(
  deps: Pick<RelayDeps, 'store' | 'clock'>,
  input: { workspaceId: string; key: string; requestHash: string },
  produce: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const keys = deps.store.idempotency;
  const id = createHash('sha256').update(`${input.workspaceId}\u0000${input.key}`).digest('hex');
  const now = deps.clock.now();
  const reservation = await keys.reserve(
    {
      id,
      workspaceId: input.workspaceId,
      requestHash: input.requestHash,
      response: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + KEEP_MS),
    },
    new Date(now.getTime() - ABANDONED_MS),
  );
  if (reservation.state === 'exists') {
    const { first } = reservation;
    if (first.requestHash !== input.requestHash) {
      throw new HttpError(
        'idempotency_conflict',
        'This Idempotency-Key was already used with a different request',
      );
    }
    if (!first.response) {
      throw new HttpError(
        'idempotency_conflict',
        'A request with this Idempotency-Key is still being processed; retry shortly',
        { retryAfterSeconds: 1 },
      );
    }
    return { ...first.response, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await produce();
  } catch (error) {
    await keys.forget(id);
    throw error;
  }
  await keys.complete(id, response);
  return { ...response, replayed: false };
}
