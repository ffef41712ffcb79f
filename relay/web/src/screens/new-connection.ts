import type { PageContext, Screen } from '../context.js';
import { h } from '../dom.js';
import { href } from '../routes.js';
import { breadcrumbs } from '../ui/breadcrumbs.js';
import { connectionForm } from '../sections/connection-form.js';

async function newConnectionCrumbs(ctx: PageContext, chatbotId: string, page: string) {
  const chatbot = await ctx.api.chatbot(chatbotId);
  return breadcrumbs([
    { label: 'Chatbots', href: href({ name: 'chatbots' }) },
    { label: chatbot.name, href: href({ name: 'chatbot', chatbotId }) },
    { label: page },
  ]);
}

/** "Click New Connection, select Custom Webhook". */
export async function newConnectionScreen(ctx: PageContext, chatbotId: string): Promise<Screen> {
  const view = h('section', {}, [
    await newConnectionCrumbs(ctx, chatbotId, 'New Connection'),
    h('h1', {}, ['New Connection']),
    h('ul', { className: 'cards', attrs: { 'aria-label': 'Connection types' } }, [
      h('li', { className: 'card' }, [
        h('a', { attrs: { href: href({ name: 'new-custom-webhook', chatbotId }) } }, [
          'Custom Webhook',
        ]),
        h('p', { className: 'meta' }, [
          'Connect any system that can send and receive HTTP requests: your CRM, internal tools, ',
          'mobile apps, IoT devices. n8n and Zapier use it too, through their FourthChat apps.',
        ]),
      ]),
    ]),
  ]);
  return { title: 'New Connection', view };
}

/** "Fill in the configuration"; the new connection's page then shows its URL, ID and secret. */
export async function newCustomWebhookScreen(ctx: PageContext, chatbotId: string): Promise<Screen> {
  const form = connectionForm({
    submitLabel: 'Create connection',
    onCancel: () => {
      ctx.navigate({ name: 'new-connection', chatbotId });
    },
    async onSave(values) {
      const created = await ctx.api.createConnection(chatbotId, values);
      ctx.created.put(created);
      ctx.navigate({ name: 'connection', connectionId: created.id });
    },
  });
  const view = h('section', { className: 'narrow' }, [
    await newConnectionCrumbs(ctx, chatbotId, 'Custom Webhook'),
    h('h1', {}, ['New Custom Webhook']),
    form,
  ]);
  return { title: 'New Custom Webhook', view };
}
