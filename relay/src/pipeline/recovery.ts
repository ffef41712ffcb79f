import type { RelayDeps } from '../app/deps.js';
import type { ConversationWorker } from './conversation-worker.js';
import type { DeliveryService } from './delivery-service.js';

/** How long work may sit untouched before the sweep assumes its process died. */
const GRACE_MS = 5_000;

/**
 * Finds work that a crashed or stopped process left behind and starts it again:
 * unanswered messages, deliveries whose attempt never finished or never started,
 * retries whose job went missing. Also drops expired idempotency keys (no TTL
 * indexes on FerretDB).
 */
export async function recoverStuckWork(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'logger'>,
  parts: { worker: ConversationWorker; deliveries: DeliveryService },
): Promise<{ conversations: number; deliveries: number }> {
  const { store, clock } = deps;
  const now = clock.now();
  const before = new Date(now.getTime() - GRACE_MS);

  const conversationIds = await store.messages.distinct('conversationId', {
    role: 'user',
    status: 'pending',
    createdAt: { $lt: before },
  });
  for (const id of conversationIds) parts.worker.schedule(id);

  const stuck = await store.deliveries
    .find(
      {
        $or: [
          { status: 'pending', inFlight: null, createdAt: { $lt: before } },
          { status: { $in: ['pending', 'retrying'] }, 'inFlight.until': { $lt: now } },
          {
            status: 'retrying',
            inFlight: null,
            nextAttemptAt: { $lt: new Date(now.getTime() - GRACE_MS * 6) },
          },
        ],
      },
      { projection: { _id: 1 } },
    )
    .limit(500)
    .toArray();
  for (const { _id } of stuck) parts.deliveries.kick(_id);

  await store.idempotency.deleteMany({ expiresAt: { $lte: now } });
  if (conversationIds.length + stuck.length > 0) {
    deps.logger.info(
      { conversations: conversationIds.length, deliveries: stuck.length },
      'recovered unfinished work',
    );
  }
  return { conversations: conversationIds.length, deliveries: stuck.length };
}
