import type { RelayDeps } from '../app/deps.js';
import type { DeliveryDoc, HeaderPair } from '../store/documents.js';

export interface Target {
  secret: string;
  previousSecrets: string[];
  customHeaders: HeaderPair[];
}

/**
 * The secrets and headers a delivery is sent with, read at send time so a rotation
 * applies to retries too. Undefined when the target is gone.
 */
export async function loadTarget(
  deps: Pick<RelayDeps, 'store' | 'secrets' | 'clock'>,
  delivery: DeliveryDoc,
): Promise<Target | undefined> {
  if (delivery.subscriptionId) {
    const subscription = await deps.store.subscriptions.findOne({ _id: delivery.subscriptionId });
    if (!subscription) return undefined;
    return {
      secret: deps.secrets.open(subscription.secret),
      previousSecrets: [],
      customHeaders: [],
    };
  }
  const connection = await deps.store.connections.findOne({ _id: delivery.connectionId });
  if (!connection) return undefined;
  const previous = connection.previousSecret;
  return {
    secret: deps.secrets.open(connection.secret),
    previousSecrets:
      previous && previous.expiresAt > deps.clock.now() ? [deps.secrets.open(previous.sealed)] : [],
    customHeaders: connection.customHeaders,
  };
}
