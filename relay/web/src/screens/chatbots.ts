import type { Chatbot } from '@fourthchat/shared';
import type { PageContext, Screen } from '../context.js';
import { h } from '../dom.js';
import { field } from '../forms/field.js';
import { createForm, FieldErrors } from '../forms/form.js';
import { checkRequired } from '../forms/validate.js';
import { href } from '../routes.js';
import { disclosure } from '../ui/disclosure.js';
import { button } from '../ui/button.js';
import { cardList } from '../ui/card-list.js';

function chatbotItem(chatbot: Chatbot): HTMLElement {
  return h('li', { className: 'card' }, [
    h('a', { attrs: { href: href({ name: 'chatbot', chatbotId: chatbot.id }) } }, [chatbot.name]),
    h('p', { className: 'meta' }, [`Model ${chatbot.model}`]),
  ]);
}

function newChatbotForm(ctx: PageContext, close: () => void): HTMLFormElement {
  const name = field({ label: 'Name', name: 'name', required: true, placeholder: 'Support bot' });
  const systemPrompt = field({
    label: 'System prompt',
    name: 'systemPrompt',
    multiline: true,
    hint: 'How the AI should answer. Left empty: "You are a helpful assistant."',
  });
  const cancel = button('Cancel', close);
  return createForm({
    label: 'New chatbot',
    fields: { name, systemPrompt },
    submitLabel: 'Create chatbot',
    extra: [cancel],
    async onSubmit() {
      const checked = checkRequired(name.value(), 'name');
      if (!checked.ok) throw new FieldErrors({ name: checked.message });
      const prompt = systemPrompt.value().trim();
      const chatbot = await ctx.api.createChatbot({
        name: checked.value,
        ...(prompt ? { systemPrompt: prompt } : {}),
      });
      ctx.announce(`Chatbot ${chatbot.name} created`);
      ctx.navigate({ name: 'chatbot', chatbotId: chatbot.id });
    },
  });
}

export async function chatbotsScreen(ctx: PageContext): Promise<Screen> {
  const chatbots = await ctx.api.chatbots();
  const create = disclosure('New chatbot', (close) => newChatbotForm(ctx, close), 'primary');
  const view = h('section', {}, [
    h('div', { className: 'title-row' }, [h('h1', {}, ['Chatbots']), create.button]),
    create.panel,
    cardList(
      'Chatbots',
      chatbots,
      chatbotItem,
      'No chatbots yet. Create one, then give it a Custom Webhook connection.',
    ),
  ]);
  return { title: 'Chatbots', view };
}
