import type { EventType } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { ConnectionDoc, DeliveryClaim, DeliveryDoc } from '../store/documents.js';
import { timeLedId } from './derived-ids.js';
import { gaugePaused, targetsOf } from './targets.js';

/**
 * One delivery per target that takes `event`: the connection's webhook URL (replies only)
 * and every subscription that chose it; tests go to every target. Ids derive from the source
 * and the target, so re-running after a crash finds the same deliveries instead of creating
 * twins, and sort by the source's time (see `timeLedId`). New ones carry `claim`, so their
 * first attempt needs no separate claim; those for a paused target are recorded `paused` and
 * never attempted (a test still goes: it may resume).
 */
export async function deliveriesFor(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'metrics'>,
  input: {
    connection: ConnectionDoc;
    sourceId: string;
    kind: DeliveryDoc['kind'];
    event: EventType;
    messageId: string | null;
    body: string;
    claim: DeliveryClaim | null;
    /** The target an event is about: it never receives that event itself. */
    about?: string;
  },
): Promise<DeliveryDoc[]> {
  const { connection } = input;
  const subscriptions = await deps.store.subscriptions.forConnection(connection._id);
  const now = deps.clock.now();
  const all = targetsOf(connection, subscriptions);
  gaugePaused(deps.metrics, connection._id, all);
  const targets = all.filter(
    (target) =>
      input.kind === 'test' || (target.events.includes(input.event) && target.key !== input.about),
  );
  return targets.map((target) => {
    const paused = target.paused !== null && input.kind !== 'test';
    return {
      _id: timeLedId('dlv', input.sourceId, [target.subscriptionId ?? 'webhook']),
      workspaceId: connection.workspaceId,
      connectionId: connection._id,
      subscriptionId: target.subscriptionId,
      messageId: input.messageId,
      kind: input.kind,
      event: input.event,
      targetUrl: target.url,
      body: input.body,
      status: paused ? 'paused' : 'pending',
      attempts: [],
      attemptCount: 0,
      cycleStart: 0,
      nextAttemptAt: null,
      inFlight: paused ? null : input.claim,
      createdAt: now,
      updatedAt: now,
    };
  });
}
