import type { Subscription } from '@fourthchat/shared';
import { h } from '../dom.js';
import { formatDateTime, subscriptionSource } from '../format.js';
import { badge } from '../ui/badge.js';
import { labelledSection } from '../ui/section.js';
import { cardList } from '../ui/card-list.js';

function subscriptionItem(subscription: Subscription): HTMLElement {
  return h('li', { className: 'card' }, [
    h('div', { className: 'title-row' }, [
      badge(subscriptionSource(subscription.targetUrl), 'muted'),
      h('code', {}, [subscription.targetUrl]),
    ]),
    h('p', { className: 'meta' }, [
      'Since ',
      h('time', { attrs: { datetime: subscription.createdAt } }, [
        formatDateTime(subscription.createdAt),
      ]),
    ]),
  ]);
}

/** REST hooks the n8n trigger node and the Zapier trigger made; each gets every AI reply too. */
export function subscriptionsSection(subscriptions: readonly Subscription[]): HTMLElement {
  return labelledSection('Subscriptions', [
    h('p', {}, [
      'The n8n FourthChat Trigger and the Zapier "New AI Response" trigger subscribe here while ',
      'their workflow or Zap is on. Each one receives every AI response, signed with its own secret.',
    ]),
    cardList('Subscriptions', subscriptions, subscriptionItem, 'No subscriptions.'),
  ]).element;
}
