import type { Subscription, TestResult, TestTargetOutcome } from '@fourthchat/shared';
import { h, type Child } from '../dom.js';
import { formatDuration, formatHttpStatus } from '../format.js';
import { targetLabel } from './targets.js';

function outcomeText(outcome: TestTargetOutcome): string {
  const verdict = outcome.ok ? 'Delivered' : 'Failed';
  const error = outcome.error ? `: ${outcome.error}` : '';
  return `${verdict}, ${formatHttpStatus(outcome.status)} in ${formatDuration(outcome.durationMs)}${error}`;
}

function line(label: string, outcome: TestTargetOutcome): HTMLElement {
  return h('li', { className: outcome.ok ? 'good' : 'bad' }, [
    h('strong', {}, [`${label}: `]),
    outcomeText(outcome),
  ]);
}

/** What the Test button found: the webhook URL first, then each subscription. */
export function testResultView(
  result: TestResult,
  subscriptions: readonly Subscription[],
): Child[] {
  return [
    h('p', {}, [
      result.ok ? 'The test payload was delivered.' : 'The test payload was not delivered.',
    ]),
    h('ul', { className: 'outcomes' }, [
      line(targetLabel(undefined, subscriptions), result),
      ...result.subscriptions.map((outcome) =>
        line(targetLabel(outcome.id, subscriptions), outcome),
      ),
    ]),
  ];
}
