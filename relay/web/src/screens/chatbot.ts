import type { Connection } from '@fourthchat/shared';
import type { PageContext, Screen } from '../context.js';
import { h } from '../dom.js';
import { href } from '../routes.js';
import { targetHealthList } from '../sections/health-indicator.js';
import { enabledBadge } from '../ui/badge.js';
import { breadcrumbs } from '../ui/breadcrumbs.js';
import { cardList } from '../ui/card-list.js';

function connectionItem(connection: Connection): HTMLElement {
  return h('li', { className: 'card' }, [
    h('div', { className: 'title-row' }, [
      h('a', { attrs: { href: href({ name: 'connection', connectionId: connection.id }) } }, [
        connection.name,
      ]),
      enabledBadge(connection.enabled),
    ]),
    h('p', { className: 'meta' }, ['Custom Webhook to ', h('code', {}, [connection.webhookUrl])]),
    targetHealthList(connection.health, `Delivery targets of ${connection.name}`),
  ]);
}

/** A chatbot's connections: the spec's "Go to your Chatbot → Connections". */
export async function chatbotScreen(ctx: PageContext, chatbotId: string): Promise<Screen> {
  const [chatbot, connections] = await Promise.all([
    ctx.api.chatbot(chatbotId),
    ctx.api.connections(chatbotId),
  ]);
  const view = h('section', {}, [
    breadcrumbs([{ label: 'Chatbots', href: href({ name: 'chatbots' }) }, { label: chatbot.name }]),
    h('h1', {}, [chatbot.name]),
    h('div', { className: 'title-row' }, [
      h('h2', {}, ['Connections']),
      h(
        'a',
        {
          className: 'button primary',
          attrs: { href: href({ name: 'new-connection', chatbotId }) },
        },
        ['New Connection'],
      ),
    ]),
    cardList('Connections', connections, connectionItem, 'No connections yet.'),
  ]);
  return { title: chatbot.name, view };
}
