import type { Connection } from '@fourthchat/shared';
import type { PageContext, Screen } from '../context.js';
import { h } from '../dom.js';
import { href } from '../routes.js';
import { connectionActions } from '../sections/connection-actions.js';
import { connectionDetails } from '../sections/connection-details.js';
import { deliveryLog } from '../sections/delivery-log.js';
import { secretReveal } from '../sections/secret-reveal.js';
import { sendMessages } from '../sections/send-messages.js';
import { subscriptionsSection } from '../sections/subscriptions.js';
import { breadcrumbs } from '../ui/breadcrumbs.js';

/**
 * One connection: right after creation its secret (once), then the incoming webhook URL and
 * connection ID with the curl command, the actions, subscriptions and the delivery log.
 */
export async function connectionScreen(ctx: PageContext, connectionId: string): Promise<Screen> {
  const [loaded, subscriptions] = await Promise.all([
    ctx.api.connection(connectionId),
    ctx.api.subscriptions(connectionId),
  ]);
  const chatbot = await ctx.api.chatbot(loaded.chatbotId);
  let connection: Connection = loaded;

  const crumbsFor = (name: string) =>
    breadcrumbs([
      { label: 'Chatbots', href: href({ name: 'chatbots' }) },
      { label: chatbot.name, href: href({ name: 'chatbot', chatbotId: chatbot.id }) },
      { label: name },
    ]);
  let crumbs = crumbsFor(connection.name);
  const title = h('h1', {}, [connection.name]);
  const details = connectionDetails(connection, ctx.announce);
  const log = deliveryLog(ctx, connectionId, () => subscriptions);
  const actions = connectionActions(ctx, {
    current: () => connection,
    changed(next) {
      connection = next;
      title.textContent = next.name;
      const renamed = crumbsFor(next.name);
      crumbs.replaceWith(renamed);
      crumbs = renamed;
      details.update(next);
      actions.update();
    },
    subscriptions,
    tested: () => void log.refresh(),
  });
  const created = ctx.created.take(connectionId);
  const reveal = created
    ? secretReveal({
        heading: 'Connection created',
        secret: created.secret,
        note: 'Copy the secret now: this is the only time it is shown. Your receiver verifies the X-Webhook-Signature of every delivery with it. The incoming webhook URL and connection ID are below.',
        announce: ctx.announce,
      })
    : undefined;

  const view = h('section', {}, [
    crumbs,
    title,
    reveal?.element,
    details.element,
    actions.toolbar,
    ...actions.panels,
    sendMessages(connection, ctx.apiKey, ctx.announce),
    log.element,
    subscriptionsSection(subscriptions),
  ]);
  void log.refresh();
  return {
    title: connection.name,
    view,
    ...(reveal ? { focus: reveal.heading } : {}),
    dispose: log.dispose,
  };
}
