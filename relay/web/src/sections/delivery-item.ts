import type { Delivery, DeliveryAttempt, DeliveryStatus, Subscription } from '@fourthchat/shared';
import { h, uniqueId } from '../dom.js';
import { formatDateTime, formatDuration, formatHttpStatus } from '../format.js';
import { badge, type Tone } from '../ui/badge.js';
import { button } from '../ui/button.js';
import { targetLabel } from './targets.js';

const STATUS: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'busy' },
  retrying: { label: 'Retrying', tone: 'busy' },
  delivered: { label: 'Delivered', tone: 'good' },
  failed: { label: 'Failed', tone: 'bad' },
  paused: { label: 'Paused', tone: 'muted' },
};

export function deliveryStatusLabel(status: DeliveryStatus): string {
  return STATUS[status].label;
}

/** What the log says a delivery is, also used when announcing a change. */
export function deliveryTitle(delivery: Delivery, subscriptions: readonly Subscription[]): string {
  // A callback goes to the URL its message named, not to a target of the connection.
  const target =
    delivery.kind === 'callback'
      ? 'the callback URL'
      : targetLabel(delivery.subscriptionId, subscriptions);
  return `${kindLabel(delivery)} to ${target}`;
}

function kindLabel(delivery: Delivery): string {
  switch (delivery.kind) {
    case 'test':
      return 'Test';
    case 'reply':
      return 'Reply';
    case 'event':
      return delivery.event ? `Event ${delivery.event}` : 'Event';
    case 'callback':
      return delivery.event === 'message.failed' ? 'Failure (message.failed)' : 'Reply';
  }
}

const time = (iso: string) => h('time', { attrs: { datetime: iso } }, [formatDateTime(iso)]);

function attemptItem(attempt: DeliveryAttempt): HTMLElement {
  const status = formatHttpStatus(attempt.status);
  // For a non-2xx answer the relay's error is just the status again.
  const error = attempt.error && attempt.error !== status ? ` · ${attempt.error}` : '';
  return h('li', {}, [
    h('p', {}, [time(attempt.at), ` · ${status} · ${formatDuration(attempt.durationMs)}${error}`]),
    attempt.responseSnippet
      ? h('p', { className: 'meta' }, ['Response: ', h('code', {}, [attempt.responseSnippet])])
      : null,
  ]);
}

export interface DeliveryItemOptions {
  subscriptions: readonly Subscription[];
  attemptsOpen: boolean;
  onToggleAttempts(open: boolean): void;
  onRedeliver: () => void;
}

/**
 * One delivery: its status (with the next attempt time while retrying), target, every attempt
 * behind a disclosure, and Redeliver. `data-focus-key` lets the log keep focus across refreshes.
 */
export function deliveryItem(delivery: Delivery, options: DeliveryItemOptions): HTMLElement {
  const status = STATUS[delivery.status];
  const titleId = uniqueId('delivery');
  const attempts = h('details', { attrs: { open: options.attemptsOpen } }, [
    h('summary', { attrs: { 'data-focus-key': `${delivery.id}:attempts` } }, [
      `Attempts (${String(delivery.attempts.length)})`,
    ]),
    delivery.attempts.length === 0
      ? h('p', { className: 'meta' }, ['Not sent yet.'])
      : h('ol', { className: 'attempts' }, delivery.attempts.map(attemptItem)),
  ]);
  attempts.addEventListener('toggle', () => {
    options.onToggleAttempts(attempts.open);
  });
  // Kept while pending (inactive) so that focus stays on it while the redelivery runs.
  const redeliver = button('Redeliver', options.onRedeliver, {
    attrs: {
      'aria-describedby': titleId,
      'aria-disabled': delivery.status === 'pending' ? 'true' : undefined,
      'data-focus-key': `${delivery.id}:redeliver`,
    },
  });
  return h(
    'li',
    { className: `card delivery ${delivery.status}`, attrs: { 'data-delivery-id': delivery.id } },
    [
      h('div', { className: 'title-row' }, [
        h('p', { attrs: { id: titleId } }, [
          badge(status.label, status.tone),
          ' ',
          h('strong', {}, [deliveryTitle(delivery, options.subscriptions)]),
        ]),
        redeliver,
      ]),
      delivery.status === 'retrying' && delivery.nextAttemptAt
        ? h('p', {}, ['Next attempt at ', time(delivery.nextAttemptAt)])
        : null,
      delivery.status === 'paused'
        ? h('p', {}, ['Not sent while its target is paused: Recover sends it once resumed.'])
        : null,
      h('p', { className: 'meta' }, [
        time(delivery.createdAt),
        ' · ',
        h('code', {}, [delivery.targetUrl]),
        ' · id ',
        h('code', {}, [delivery.id]),
      ]),
      attempts,
    ],
  );
}
