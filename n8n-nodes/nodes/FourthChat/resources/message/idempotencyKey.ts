import { createHash } from 'node:crypto';

/**
 * The Idempotency-Key of one item: the same execution, node and item always give the same key, so
 * when n8n repeats the node within an execution ("Retry On Fail") the relay answers the first
 * request again instead of producing a second reply.
 */
export function deriveIdempotencyKey(
  executionId: string,
  nodeName: string,
  itemIndex: number,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([executionId, nodeName, itemIndex]))
    .digest('hex');
  return `n8n-${digest.slice(0, 40)}`;
}
