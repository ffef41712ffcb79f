import type { EventTarget, Subscription } from '@fourthchat/shared';
import { subscriptionSource } from '../format.js';

const WEBHOOK_LABEL = 'Webhook URL';
const subscriptionLabel = (targetUrl: string) => `${subscriptionSource(targetUrl)} subscription`;

/** Names a delivery target: the connection's webhook URL or one of its subscriptions. */
export function targetLabel(
  subscriptionId: string | undefined,
  subscriptions: readonly Subscription[],
): string {
  if (!subscriptionId) return WEBHOOK_LABEL;
  const subscription = subscriptions.find((s) => s.id === subscriptionId);
  return subscription ? subscriptionLabel(subscription.targetUrl) : 'Removed subscription';
}

/** The same name for a target as health reports it: it carries its own URL. */
export function eventTargetLabel(target: EventTarget): string {
  return target.kind === 'webhook' ? WEBHOOK_LABEL : subscriptionLabel(target.url);
}

/** What the recover and pause APIs call a target: `webhook` or the subscription id. */
export function targetKey(target: EventTarget): string {
  return target.kind === 'webhook' ? 'webhook' : (target.subscriptionId ?? '');
}
