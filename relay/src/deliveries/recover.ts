import type { RecoverResult } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import type { Connection } from '../model/connection.js';
import type { Recovery, RecoverWindow } from '../model/recovery.js';
import { derivedId } from '../ids/derived-ids.js';
import { redeliverPaced, type PacedRunners } from './paced-redelivery.js';
import { targetsOf } from '../targets/targets.js';

type Deps = Pick<RelayDeps, 'store' | 'clock' | 'logger' | 'settings'>;

export interface RecoverInput {
  connection: Connection;
  since: Date;
  /** As the client gave it: a window without `until` is the same window whenever repeated. */
  until: string | undefined;
  /** `webhook` or a subscription id; undefined: every target. */
  target: string | undefined;
}

export function recoverWindow(input: RecoverInput, now: Date): RecoverWindow {
  return {
    connectionId: input.connection.id,
    since: input.since,
    until: input.until === undefined ? now : new Date(input.until),
    ...(input.target === undefined
      ? {}
      : { subscriptionId: input.target === 'webhook' ? null : input.target }),
  };
}

/**
 * Re-queues the window's failed and paused deliveries, oldest first, paced at
 * RELAY_RECOVER_RATE (`redeliverPaced`), each with a new cycle of attempts. The recover is stored
 * first under an id derived from the window, so a repeat (or ten at once) queues nothing
 * and answers the first count.
 */
export async function recoverDeliveries(
  deps: Deps,
  runners: PacedRunners,
  input: RecoverInput,
): Promise<RecoverResult> {
  const { store, clock, settings } = deps;
  const now = clock.now();
  const id = recoveryId(input);
  const ratePerSecond = settings.recoverRatePerSecond;
  const repeated = (first: Recovery): RecoverResult => ({
    id,
    queued: first.queued,
    ratePerSecond: first.ratePerSecond,
    repeated: true,
  });
  // A repeat is answered before anything else: even once a target is paused meanwhile.
  const known = await store.recoveries.get(id);
  if (known) return repeated(known);
  const window = recoverWindow(input, now);
  const selected = await store.deliveries.recoverable(window);
  await refusePaused(deps, input.connection, selected);
  const started = await store.recoveries.start({
    id,
    workspaceId: input.connection.workspaceId,
    connectionId: input.connection.id,
    since: window.since,
    until: window.until,
    target: input.target ?? null,
    queued: selected.length,
    ratePerSecond,
    createdAt: now,
  });
  if (started.state === 'repeated') return repeated(started.first);
  await redeliverPaced(deps, runners, selected, now);
  deps.logger.info(
    { connectionId: input.connection.id, recoveryId: id, queued: selected.length },
    'deliveries recovered',
  );
  return { id, queued: selected.length, ratePerSecond, repeated: false };
}

/** A recover of a paused target would only park its deliveries again: resume it first. */
async function refusePaused(
  deps: Deps,
  connection: Connection,
  selected: readonly { subscriptionId: string | null }[],
): Promise<void> {
  const subscriptions = await deps.store.subscriptions.forConnection(connection.id);
  const wanted = new Set(selected.map((doc) => doc.subscriptionId));
  const paused = targetsOf(connection, subscriptions).find(
    (target) => target.paused && wanted.has(target.subscriptionId),
  );
  if (paused) {
    throw new HttpError(
      'target_paused',
      `${paused.subscriptionId ?? 'The webhook URL'} is paused: resume it first, then recover`,
    );
  }
}

function recoveryId(input: RecoverInput): string {
  const parts = [
    input.connection.id,
    input.since.toISOString(),
    input.until ?? '',
    input.target ?? '',
  ];
  return derivedId('rcv', parts);
}
