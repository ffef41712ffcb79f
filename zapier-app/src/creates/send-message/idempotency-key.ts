import { createHash } from 'node:crypto';

/** Everything that is the same when Zapier retries one step of one run. */
export interface IdempotencyParts {
  /** The Zap, when Zapier says (`bundle.meta.zap.id`): two Zaps mapping the same ids stay apart. */
  zapId?: string;
  /** Editor tests are kept apart from live runs with the same inputs. */
  isSample: boolean;
  connectionId: string;
  message: string;
  userId?: string;
  metadata?: Readonly<Record<string, string>>;
  /** What the user mapped into "Deduplication Key", e.g. the triggering record's id. */
  dedupeKey?: string;
}

function byKey([a]: [string, string], [b]: [string, string]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `Idempotency-Key` of a Send Message step, only when its Deduplication Key is mapped: Zapier
 * gives a step no run id, so only the user can say which runs are one run, and without that a
 * retry cannot be told from a new run that sends the same text (a user who says "yes" twice). The
 * key hashes the mapped value with what a retry repeats exactly, so two Send Message steps of one
 * Zap that map the same record id still send two messages.
 */
export function idempotencyKey(parts: IdempotencyParts): string | undefined {
  if (parts.dedupeKey === undefined || parts.dedupeKey.trim() === '') return undefined;
  const canonical = JSON.stringify([
    parts.zapId ?? '',
    parts.isSample,
    parts.connectionId,
    parts.message,
    parts.userId ?? '',
    Object.entries(parts.metadata ?? {}).sort(byKey),
    parts.dedupeKey,
  ]);
  return `zapier-${createHash('sha256').update(canonical).digest('hex')}`;
}
