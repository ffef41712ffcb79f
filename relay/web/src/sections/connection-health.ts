import type { EventTarget, RecoverResult, Subscription, TargetHealth } from '@fourthchat/shared';
import type { PageContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { disclosure } from '../ui/disclosure.js';
import { labelledSection } from '../ui/section.js';
import { healthTable } from './health-table.js';
import { pauseBanner } from './pause-banner.js';
import { recoverForm } from './recover-form.js';
import { eventTargetLabel, targetKey } from './targets.js';

export interface ConnectionHealthOptions {
  /** Reads the connection and its subscriptions again; they bring the new health. */
  reload(): Promise<void>;
  /** Recover queued deliveries: the log should show them. */
  recovered(): void;
}

function recoverOutcome(outcome: { count: 0 } | { result: RecoverResult }): string {
  if (!('result' in outcome)) {
    return 'Nothing to re-send: no failed or paused deliveries were created in that window.';
  }
  const { queued, ratePerSecond, repeated } = outcome.result;
  return repeated
    ? `Already recovered: this window was recovered before (${String(queued)} deliveries queued then), so nothing was queued again.`
    : `Queued ${String(queued)} deliveries for a new cycle of attempts, at up to ${String(ratePerSecond)} a second. They appear under Deliveries.`;
}

/**
 * Health of every target, the pause banner with Resume, and Recover. The banner is placed on
 * its own, near the top of the page; the rest is the Health section.
 */
export function connectionHealth(
  ctx: PageContext,
  connectionId: string,
  options: ConnectionHealthOptions,
) {
  let health: readonly TargetHealth[] = [];
  // A resume makes the relay count failures afresh and forget when they started; Recover's
  // preset still needs that time, so the page keeps it for the targets it resumed.
  const resumedFailingSince = new Map<string, string>();
  const table = h('div');
  // Present from the start so the outcome is read out when it arrives.
  const outcome = h('p', { className: 'result', attrs: { role: 'status' } });

  const resumeTarget = (target: EventTarget) =>
    target.kind === 'webhook'
      ? ctx.api.updateConnection(connectionId, { paused: false })
      : ctx.api.updateSubscription(target.subscriptionId ?? '', { paused: false });

  const banner = pauseBanner({
    async resume(paused) {
      await resumeTarget(paused.target);
      if (paused.failingSince)
        resumedFailingSince.set(targetKey(paused.target), paused.failingSince);
      await options.reload();
      ctx.announce(
        paused.target.kind === 'webhook'
          ? `${eventTargetLabel(paused.target)} resumed. Nothing was sent: Recover re-sends what it missed.`
          : `${eventTargetLabel(paused.target)} resumed. What it held goes out now, oldest first.`,
      );
      // The Resume button is gone with the banner entry; Recover is the next step.
      recover.button.focus();
    },
  });

  const recover = disclosure('Recover failed deliveries', (close) =>
    recoverForm({
      health,
      failingSince: (target) =>
        target.failingSince ??
        (target.state === 'failing'
          ? resumedFailingSince.get(targetKey(target.target))
          : undefined),
      count: (request) => ctx.api.recoverCount(connectionId, request),
      recover: (request) => ctx.api.recover(connectionId, request),
      done(result) {
        close();
        outcome.textContent = recoverOutcome(result);
        options.recovered();
      },
      onCancel: close,
    }),
  );

  const section = labelledSection('Health', [
    h('p', {}, [
      'Each target over the last 24 hours. A target whose deliveries keep failing is paused: ',
      'it gets no attempts until it is resumed.',
    ]),
    table,
    h('div', { className: 'actions' }, [recover.button]),
    recover.panel,
    outcome,
  ]);

  return {
    banner: banner.element,
    element: section.element,
    update(next: readonly TargetHealth[], subscriptions: readonly Subscription[]) {
      health = next;
      banner.update(next);
      replaceChildren(table, [healthTable(next, subscriptions)]);
    },
  };
}
