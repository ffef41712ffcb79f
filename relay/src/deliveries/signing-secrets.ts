import type { RelayDeps } from '../deps.js';
import type { HeaderPair } from '../model/connection.js';
import type { Delivery } from '../model/delivery.js';

export interface Target {
  secret: string;
  previousSecrets: string[];
  customHeaders: HeaderPair[];
  /** A paused target gets no attempts (tests excepted). */
  paused: boolean;
}

/** A sealed secret that this relay's RELAY_SECRET_KEY cannot open. */
export class SecretUnavailableError extends Error {
  constructor() {
    super(
      'the webhook secret cannot be decrypted: RELAY_SECRET_KEY differs from the key it was sealed with',
    );
  }
}

function open(deps: Pick<RelayDeps, 'secrets'>, sealed: string): string {
  try {
    return deps.secrets.open(sealed);
  } catch {
    throw new SecretUnavailableError();
  }
}

/**
 * The secrets and headers a delivery is sent with, and whether its target is paused, read at
 * send time so a rotation or a pause applies to retries too. Undefined when the target is gone.
 * A callback without its own secret is signed like the webhook URL.
 */
export async function loadTarget(
  deps: Pick<RelayDeps, 'store' | 'secrets' | 'clock'>,
  delivery: Delivery,
): Promise<Target | undefined> {
  if (delivery.subscriptionId) {
    const subscriptions = await deps.store.subscriptions.forConnection(delivery.connectionId);
    const subscription = subscriptions.find((s) => s.id === delivery.subscriptionId);
    if (!subscription) return undefined;
    return {
      secret: open(deps, subscription.secret),
      previousSecrets: [],
      customHeaders: [],
      paused: Boolean(subscription.paused),
    };
  }
  const { callback } = delivery;
  if (callback?.own) return ownSecret(deps, callback.sealedSecret);
  const connection = await deps.store.connections.get(delivery.connectionId);
  // A callback outlives its connection (a chatbot deleted): its secret as it was at accept.
  if (!connection) return callback ? ownSecret(deps, callback.sealedSecret) : undefined;
  const now = deps.clock.now();
  return {
    secret: open(deps, connection.secret),
    previousSecrets: connection.previousSecrets
      .filter((previous) => previous.expiresAt > now)
      .map((previous) => open(deps, previous.sealed)),
    // A callback goes to a URL its message named: the connection's headers (often its
    // receiver's credentials) are not sent there, and it is never paused.
    customHeaders: callback ? [] : connection.customHeaders,
    paused: !callback && Boolean(connection.webhookPaused),
  };
}

function ownSecret(deps: Pick<RelayDeps, 'secrets'>, sealed: string): Target {
  return { secret: open(deps, sealed), previousSecrets: [], customHeaders: [], paused: false };
}
