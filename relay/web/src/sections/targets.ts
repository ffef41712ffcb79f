import type { Subscription } from '@fourthchat/shared';
import { subscriptionSource } from '../format.js';

/** Names a delivery target: the connection's webhook URL or one of its subscriptions. */
export function targetLabel(
  subscriptionId: string | undefined,
  subscriptions: readonly Subscription[],
): string {
  if (!subscriptionId) return 'Webhook URL';
  const subscription = subscriptions.find((s) => s.id === subscriptionId);
  return subscription
    ? `${subscriptionSource(subscription.targetUrl)} subscription`
    : 'Removed subscription';
}
