import { createHash } from 'node:crypto';

/** Everything that is the same when Zapier retries one step of one run. */
export interface IdempotencyParts {
  /** The Zap, when Zapier says (`bundle.meta.zap.id`): two Zaps sending the same text stay apart. */
  zapId?: string;
  /** Editor tests are kept apart from live runs with the same inputs. */
  isSample: boolean;
  connectionId: string;
  message: string;
  userId?: string;
  metadata?: Readonly<Record<string, string>>;
  dedupeKey?: string;
}

function byKey([a]: [string, string], [b]: [string, string]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `Idempotency-Key` of a Send Message step. Zapier gives a step no run id, so the key is a hash
 * of what a retry repeats exactly: a retried step then gets the first answer and no second AI reply.
 */
export function idempotencyKey(parts: IdempotencyParts): string {
  const canonical = JSON.stringify([
    parts.zapId ?? '',
    parts.isSample,
    parts.connectionId,
    parts.message,
    parts.userId ?? '',
    Object.entries(parts.metadata ?? {}).sort(byKey),
    parts.dedupeKey ?? '',
  ]);
  return `zapier-${createHash('sha256').update(canonical).digest('hex')}`;
}
