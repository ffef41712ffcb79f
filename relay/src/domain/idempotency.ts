import { createHash } from 'node:crypto';
import type { RelayDeps } from '../app/deps.js';
import { HttpError } from '../http/errors.js';
import { isDuplicateKey } from '../store/store.js';

const KEEP_MS = 24 * 60 * 60 * 1000;
/** A first request that never finished (its process died) stops blocking its key after this. */
const ABANDONED_MS = 30_000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

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
  const { store, clock } = deps;
  const _id = createHash('sha256').update(`${input.workspaceId}\u0000${input.key}`).digest('hex');
  const now = clock.now();
  await store.idempotency.deleteOne({ _id, expiresAt: { $lte: now } });
  await store.idempotency.deleteOne({
    _id,
    response: null,
    createdAt: { $lt: new Date(now.getTime() - ABANDONED_MS) },
  });
  try {
    await store.idempotency.insertOne({
      _id,
      workspaceId: input.workspaceId,
      requestHash: input.requestHash,
      response: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + KEEP_MS),
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const first = await store.idempotency.findOne({ _id });
    if (first && first.requestHash !== input.requestHash) {
      throw new HttpError(
        'idempotency_conflict',
        'This Idempotency-Key was already used with a different request',
      );
    }
    if (!first?.response) {
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
    await store.idempotency.deleteOne({ _id });
    throw error;
  }
  await store.idempotency.updateOne({ _id }, { $set: { response } });
  return { ...response, replayed: false };
}
