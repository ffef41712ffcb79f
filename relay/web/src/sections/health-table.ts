import type { Subscription, TargetHealth } from '@fourthchat/shared';
import { h, type Child } from '../dom.js';
import { formatDateTime, formatDuration, formatRate } from '../format.js';
import { healthBadge } from './health-indicator.js';
import { eventTargetLabel } from './targets.js';

const COLUMNS = [
  'Target',
  'State',
  'Success, 24 h',
  'p50 / p99',
  'Failed in a row',
  'Last error',
  'Last success',
];

const time = (iso: string) => h('time', { attrs: { datetime: iso } }, [formatDateTime(iso)]);
const none = () => h('span', { className: 'meta' }, ['None']);

function targetCell(health: TargetHealth, subscriptions: readonly Subscription[]): Child[] {
  const { target } = health;
  const subscription =
    target.kind === 'subscription'
      ? subscriptions.find((s) => s.id === target.subscriptionId)
      : undefined;
  return [
    h('strong', {}, [eventTargetLabel(target)]),
    h('br'),
    h('code', {}, [target.url]),
    subscription
      ? h('p', { className: 'meta' }, [`Events: ${subscription.events.join(', ')}`])
      : null,
  ];
}

function latency({ p50Ms, p99Ms }: TargetHealth['last24h']): string {
  return p50Ms === null || p99Ms === null
    ? '–'
    : `${formatDuration(p50Ms)} / ${formatDuration(p99Ms)}`;
}

function row(health: TargetHealth, subscriptions: readonly Subscription[]): HTMLElement {
  const { last24h, lastError, lastSuccessAt } = health;
  const cells: Child[][] = [
    [healthBadge(health)],
    [
      formatRate(last24h.successRate),
      h('span', { className: 'meta' }, [
        ` of ${String(last24h.attempts)} attempt${last24h.attempts === 1 ? '' : 's'}`,
      ]),
    ],
    [latency(last24h)],
    [String(health.consecutiveFailures)],
    lastError ? [lastError.message, h('br'), time(lastError.at)] : [none()],
    lastSuccessAt ? [time(lastSuccessAt)] : [none()],
  ];
  return h('tr', {}, [
    h('th', { attrs: { scope: 'row' } }, targetCell(health, subscriptions)),
    ...cells.map((content) => h('td', {}, content)),
  ]);
}

/** Every target of the connection, one row each: the webhook URL first, then subscriptions. */
export function healthTable(
  health: readonly TargetHealth[],
  subscriptions: readonly Subscription[],
): HTMLElement {
  const table = h('table', { className: 'health' }, [
    h('caption', { className: 'visually-hidden' }, ['Health of each delivery target']),
    h('thead', {}, [
      h(
        'tr',
        {},
        COLUMNS.map((label) => h('th', { attrs: { scope: 'col' } }, [label])),
      ),
    ]),
    h(
      'tbody',
      {},
      health.map((target) => row(target, subscriptions)),
    ),
  ]);
  // Wide on a phone: the table scrolls inside its own box, which keyboard users can focus.
  return h(
    'div',
    {
      className: 'table-scroll',
      attrs: { role: 'region', 'aria-label': 'Health of each delivery target', tabindex: 0 },
    },
    [table],
  );
}
