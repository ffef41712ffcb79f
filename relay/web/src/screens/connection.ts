import type { Connection, Subscription, SubscriptionList } from '@fourthchat/shared';
import type { PageContext, Screen } from '../context.js';
import { h } from '../dom.js';
import { href } from '../routes.js';
import { connectionActions } from '../sections/connection-actions.js';
import { connectionDetails } from '../sections/connection-details.js';
import { connectionHealth } from '../sections/connection-health.js';
import { deliveryLog } from '../sections/delivery-log.js';
import { secretReveal } from '../sections/secret-reveal.js';
import { sendMessages } from '../sections/send-messages.js';
import { subscriptionsSection } from '../sections/subscriptions.js';
import { breadcrumbs } from '../ui/breadcrumbs.js';

/**
 * One connection: a banner while a target is paused, right after creation its secret (once),
 * then the incoming webhook URL and connection ID with the curl command, the actions, the
 * health of each target with Recover, the delivery log and the subscriptions.
 */
export async function connectionScreen(ctx: PageContext, connectionId: string): Promise<Screen> {
  const load = () =>
    Promise.all([ctx.api.connection(connectionId), ctx.api.subscriptions(connectionId)]);
  const [first, list]: [Connection, SubscriptionList] = await load();
  let connection = first;
  let subscriptions: readonly Subscription[] = list.data;
  const chatbot = await ctx.api.chatbot(connection.chatbotId);

  const crumbsFor = (name: string) =>
    breadcrumbs([
      { label: 'Chatbots', href: href({ name: 'chatbots' }) },
      { label: chatbot.name, href: href({ name: 'chatbot', chatbotId: chatbot.id }) },
      { label: name },
    ]);
  let crumbs = crumbsFor(connection.name);
  const title = h('h1', {}, [connection.name]);
  const details = connectionDetails(connection, ctx.announce);
  const changed = (next: Connection) => {
    connection = next;
    title.textContent = next.name;
    const renamed = crumbsFor(next.name);
    crumbs.replaceWith(renamed);
    crumbs = renamed;
    details.update(next);
    actions.update();
    health.update(next.health, subscriptions);
  };
  // Only the newest reload may show: an older, slower answer has older health.
  let latest = 0;
  const reload = async () => {
    const request = ++latest;
    const [next, nextList] = await load();
    if (request !== latest) return;
    subscriptions = nextList.data;
    changed(next);
  };
  // Health follows the deliveries; a failed reload leaves the last one shown until the next.
  const reloadQuietly = () => void reload().catch(() => undefined);
  const log = deliveryLog(ctx, connectionId, () => subscriptions, reloadQuietly);
  const health = connectionHealth(ctx, connectionId, {
    reload,
    recovered: () => void log.refresh(),
  });
  health.update(connection.health, subscriptions);
  const actions = connectionActions(ctx, {
    current: () => connection,
    changed,
    subscriptions: () => subscriptions,
    tested() {
      void log.refresh();
      // A successful Test resumes a paused webhook URL.
      reloadQuietly();
    },
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
    health.banner,
    reveal?.element,
    details.element,
    actions.toolbar,
    ...actions.panels,
    sendMessages(connection, ctx.apiKey, ctx.announce),
    health.element,
    log.element,
    subscriptionsSection(subscriptions, list.removed),
  ]);
  void log.refresh();
  return {
    title: connection.name,
    view,
    ...(reveal ? { focus: reveal.heading } : {}),
    dispose: log.dispose,
  };
}
