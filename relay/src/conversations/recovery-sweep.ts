import type { RelayDeps } from '../deps.js';
import { repeatEvery, type Repeating } from '../jobs/repeat-every.js';
import type { ConversationWorker } from './conversation-worker.js';

/** How long a message may wait before the sweep assumes the process that took it died. */
const GRACE_MS = 5_000;
/** Bounds one sweep; the next takes the rest. */
const SWEEP_LIMIT = 1_000;

/**
 * Hands messages that a crashed or stopped process left unfinished (unanswered, or whose
 * reply's first delivery attempts were never made) to this process's worker. It reads
 * only the collection of unfinished messages, so its cost does not grow with history.
 * Retries need nothing here: they are durable jobs.
 */
export async function recoverStuckWork(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'logger'>,
  worker: ConversationWorker,
): Promise<{ messages: number }> {
  const before = new Date(deps.clock.now().getTime() - GRACE_MS);
  const stuck = await deps.store.conversations.pendingBefore(before, SWEEP_LIMIT);
  worker.enqueue(stuck, { recovered: true });
  if (stuck.length > 0) deps.logger.info({ messages: stuck.length }, 'recovered unfinished work');
  return { messages: stuck.length };
}

/** Runs the sweep every `intervalMs` in this process (see `repeatEvery`). */
export function startRecoverySweep(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>,
  worker: ConversationWorker,
): Repeating {
  return repeatEvery(
    deps.settings.recoveryIntervalMs,
    () => recoverStuckWork(deps, worker),
    (error) => {
      deps.logger.warn({ err: error }, 'recovery sweep failed; the next one tries again');
    },
  );
}
