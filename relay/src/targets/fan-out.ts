import type { EventType } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import type { ClaimedDelivery, Delivery, DeliveryClaim } from '../model/delivery.js';
import type { Callback } from '../model/message.js';
import { timeLedId } from '../ids/derived-ids.js';
import { gaugePaused, takes, targetsOf, type MessageFacts } from './targets.js';

export interface FanOutInput {
  connection: Connection;
  sourceId: string;
  kind: 'reply' | 'test' | 'event';
  event: EventType;
  messageId: string | null;
  body: string;
  claim: DeliveryClaim | null;
  /** The target an event is about: it never receives that event itself. */
  about?: string;
  /** The message a reply or message event is about: subscription filters look at it. */
  message?: MessageFacts;
}

/**
 * One delivery per target that takes `event`: the connection's webhook URL (replies only)
 * and every subscription that chose it and whose filter matches; tests go to every target.
 * Ids derive from the source and the target, so re-running after a crash finds the same
 * deliveries instead of creating twins, and sort by the source's time (see `timeLedId`).
 * New ones carry `claim`, so their first attempt needs no separate claim; those for a paused
 * target are recorded `paused` (held) and never attempted (a test still goes: it may resume).
 */
export async function deliveriesFor(
  deps: Pick<RelayDeps, 'store' | 'clock' | 'metrics'>,
  input: FanOutInput,
): Promise<Delivery[]> {
  const { connection } = input;
  const subscriptions = await deps.store.subscriptions.forConnection(connection.id);
  const now = deps.clock.now();
  const all = targetsOf(connection, subscriptions);
  gaugePaused(deps.metrics, connection.id, all);
  const targets = all.filter(
    (target) =>
      input.kind === 'test' ||
      (target.key !== input.about && takes(target, input.event, input.message, now)),
  );
  return targets.map((target) => {
    const paused = target.paused !== null && input.kind !== 'test';
    return {
      id: timeLedId('dlv', input.sourceId, [target.subscriptionId ?? 'webhook']),
      workspaceId: connection.workspaceId,
      connectionId: connection.id,
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

/**
 * The one delivery of a reply (or `message.failed`) to its message's callbackUrl. Not a
 * target: never paused, no health; its id derives from the source like the others.
 */
export function callbackDeliveryFor(
  deps: Pick<RelayDeps, 'clock'>,
  input: {
    message: { workspaceId: string; connectionId: string };
    callback: Callback;
    sourceId: string;
    /** The reply's id, or for `message.failed` the message's own. */
    messageId: string;
    event: EventType;
    body: string;
    claim: DeliveryClaim;
  },
): ClaimedDelivery {
  const now = deps.clock.now();
  const { url, ...signing } = input.callback;
  return {
    id: timeLedId('dlv', input.sourceId, ['callback']),
    workspaceId: input.message.workspaceId,
    connectionId: input.message.connectionId,
    subscriptionId: null,
    messageId: input.messageId,
    kind: 'callback',
    event: input.event,
    targetUrl: url,
    callback: signing,
    body: input.body,
    status: 'pending',
    attempts: [],
    attemptCount: 0,
    cycleStart: 0,
    nextAttemptAt: null,
    inFlight: input.claim,
    createdAt: now,
    updatedAt: now,
  };
}
