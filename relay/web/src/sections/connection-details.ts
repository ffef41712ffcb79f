import type { Connection } from '@fourthchat/shared';
import { h, replaceChildren } from '../dom.js';
import { formatDateTime } from '../format.js';
import type { Announce } from '../ui/announcer.js';
import { enabledBadge } from '../ui/badge.js';
import { copyableValue } from '../ui/copy-button.js';

function entries(connection: Connection, announce: Announce): HTMLElement[] {
  const headerNames = Object.keys(connection.customHeaders);
  return [
    ...copyableValue('Incoming webhook URL', connection.incomingWebhookUrl, announce),
    ...copyableValue('Connection ID', connection.id, announce),
    h('dt', {}, ['Webhook URL']),
    h('dd', {}, [h('code', {}, [connection.webhookUrl])]),
    h('dt', {}, ['Status']),
    h('dd', {}, [enabledBadge(connection.enabled)]),
    h('dt', {}, ['Custom Headers']),
    // Values can be credentials (Authorization); the edit form shows them on purpose only.
    h('dd', {}, [headerNames.length === 0 ? 'None' : headerNames.join(', ')]),
    h('dt', {}, ['Created']),
    h('dd', {}, [
      h('time', { attrs: { datetime: connection.createdAt } }, [
        formatDateTime(connection.createdAt),
      ]),
    ]),
  ];
}

/** What a connection is: the spec's Incoming Webhook URL and Connection ID first. */
export function connectionDetails(connection: Connection, announce: Announce) {
  const list = h('dl', { className: 'details' }, entries(connection, announce));
  return {
    element: list,
    update(next: Connection) {
      replaceChildren(list, entries(next, announce));
    },
  };
}
