// Zapier hook URLs on the test receiver, and the relay's view of the subscriptions behind them.
import { waitFor } from '../../support/wait.js';
import type { ReceivedRequest } from './receiver.js';
import type { ZapierTestRelay } from './relay.js';

/** The relay's view of a subscription, as far as the tests read it. */
export interface SubscriptionView {
  id: string;
  targetUrl: string;
  events: string[];
  filter: Record<string, unknown>;
  whileUnpublished: string;
  paused: boolean;
  expiration_date?: string;
}

export interface HookHelpers {
  /** A hook URL of its own for one Zap (the receiver's path `/hooks/standard/<name>/`). */
  url(name: string): string;
  /** The connection's subscriptions as the relay lists them. */
  subscriptions(connectionId?: string): Promise<SubscriptionView[]>;
  /** The `index`th request (from 0) the Zap hook `name` received, once it arrives. */
  received(name: string, index?: number): Promise<ReceivedRequest>;
}

export function hooksOf(relay: ZapierTestRelay): HookHelpers {
  const path = (name: string) => `/hooks/standard/${name}/`;
  return {
    url: (name) => `${relay.receiver.url}${path(name)}`,
    async subscriptions(connectionId = relay.connectionId) {
      const list = await relay.api.get(`/api/connections/${connectionId}/subscriptions`);
      return (list as { data: SubscriptionView[] }).data;
    },
    received: (name, index = 0) =>
      waitFor(
        () => relay.receiver.received.filter((request) => request.path === path(name))[index],
        { timeoutMs: 30_000, what: `request ${String(index)} to the Zap hook ${name}` },
      ),
  };
}
