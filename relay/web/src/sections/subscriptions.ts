import type {
  RemovedSubscription,
  Subscription,
  SubscriptionFilter,
  SubscriptionRemovalReason,
} from '@fourthchat/shared';
import { h, type Child } from '../dom.js';
import { formatDateTime, subscriptionSource } from '../format.js';
import { badge } from '../ui/badge.js';
import { labelledSection } from '../ui/section.js';
import { cardList } from '../ui/card-list.js';
import { healthBadge } from './health-indicator.js';

const time = (iso: string) => h('time', { attrs: { datetime: iso } }, [formatDateTime(iso)]);

/** Why the relay removed a subscription, in words. */
const REMOVED_BECAUSE: Record<SubscriptionRemovalReason, string> = {
  expired: 'its expiration date passed without a renewal',
  paused_too_long: 'it was paused for longer than RELAY_SUBSCRIPTION_EXPIRY',
  gone: 'its target answered 410 Gone',
};

function filterText(filter: SubscriptionFilter): string | undefined {
  const parts = [
    ...(filter.userId === undefined ? [] : [`userId is ${filter.userId}`]),
    ...Object.entries(filter.metadata ?? {}).map(([key, value]) => `${key} is ${value}`),
  ];
  return parts.length === 0 ? undefined : `Only messages where ${parts.join(' and ')}`;
}

function subscriptionItem(subscription: Subscription): HTMLElement {
  const filter = filterText(subscription.filter);
  const meta = (children: Child[]) => h('p', { className: 'meta' }, children);
  return h('li', { className: 'card' }, [
    h('div', { className: 'title-row' }, [
      badge(subscriptionSource(subscription.targetUrl), 'muted'),
      h('code', {}, [subscription.targetUrl]),
      healthBadge(subscription.health),
    ]),
    meta([`Events: ${subscription.events.join(', ')}`]),
    filter ? meta([filter]) : null,
    meta([
      subscription.whileUnpublished === 'hold'
        ? 'While unpublished: holds its replies until it subscribes again'
        : 'While unpublished: removed, its replies are not kept',
    ]),
    subscription.expiration_date
      ? meta(['Expires ', time(subscription.expiration_date), ' unless renewed'])
      : null,
    meta(['Since ', time(subscription.createdAt)]),
  ]);
}

function removedItem(removed: RemovedSubscription): HTMLElement {
  return h('li', { className: 'card' }, [
    h('div', { className: 'title-row' }, [
      badge(subscriptionSource(removed.targetUrl), 'muted'),
      h('code', {}, [removed.targetUrl]),
      badge('Removed', 'bad'),
    ]),
    h('p', {}, ['Removed ', time(removed.removedAt), `: ${REMOVED_BECAUSE[removed.reason]}.`]),
    removed.heldDeliveries > 0
      ? h('p', { className: 'meta' }, [
          `${String(removed.heldDeliveries)} held ${removed.heldDeliveries === 1 ? 'reply was' : 'replies were'} dropped with it.`,
        ])
      : null,
  ]);
}

/**
 * REST hooks the n8n FourthChat Trigger and the Zapier triggers made, and those the relay
 * removed lately: a trigger that went silent shows why here.
 */
export function subscriptionsSection(
  subscriptions: readonly Subscription[],
  removed: readonly RemovedSubscription[],
): HTMLElement {
  return labelledSection('Subscriptions', [
    h('p', {}, [
      'The n8n FourthChat Trigger and the Zapier triggers subscribe here while their workflow or ',
      'Zap is on. Each one receives the events it chose, signed with its own secret. Unpublished, ',
      'it is paused and holds its replies; published again, it gets them, oldest first.',
    ]),
    cardList('Subscriptions', subscriptions, subscriptionItem, 'No subscriptions.'),
    removed.length === 0 ? null : h('h3', {}, ['Recently removed by the relay']),
    removed.length === 0
      ? null
      : cardList('Recently removed subscriptions', removed, removedItem, ''),
  ]).element;
}
