import { generateSecret } from '@fourthchat/shared';
import type * as api from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import { targetsOf, type DeliveryTarget } from '../pipeline/targets.js';
import { connectionView, subscriptionView } from './views.js';
import { healthOfTargets } from './target-health.js';
import { checkTargetUrl } from '../security/url-guard.js';
import type { Connection, HeaderPair } from '../model/connection.js';
import type { Subscription } from '../model/subscription.js';

type ViewDeps = Pick<RelayDeps, 'store' | 'clock'>;

/** Connections as the API shows them, each with its targets' health (figures in one read). */
export async function viewConnections(
  deps: ViewDeps,
  publicUrl: string,
  docs: readonly Connection[],
): Promise<api.Connection[]> {
  // Read past the fan-out cache: filling it here (a connection just created) would hide from
  // this process, for the cache's lifetime, a subscription another instance adds meanwhile.
  const subscriptions = await deps.store.subscriptions.forConnections(docs.map((doc) => doc.id));
  const targets = docs.map((doc) =>
    targetsOf(
      doc,
      subscriptions.filter((s) => s.connectionId === doc.id),
    ),
  );
  const health = await healthOfTargets(deps, targets.flat());
  const of = (target: DeliveryTarget) => health.get(target.key) as api.TargetHealth;
  return docs.map((doc, index) =>
    connectionView(
      doc,
      `${publicUrl}/api/webhooks/incoming`,
      (targets[index] as DeliveryTarget[]).map(of),
    ),
  );
}

export async function viewConnection(
  deps: ViewDeps,
  publicUrl: string,
  doc: Connection,
): Promise<api.Connection> {
  const [view] = await viewConnections(deps, publicUrl, [doc]);
  return view as api.Connection;
}

/** A connection's subscriptions as the API shows them, each with its health. */
export async function viewSubscriptions(
  deps: ViewDeps,
  connection: Connection,
  subscriptions: readonly Subscription[],
): Promise<api.Subscription[]> {
  const health = await healthOfTargets(deps, targetsOf(connection, subscriptions));
  return subscriptions.map((doc) => subscriptionView(doc, health.get(doc.id) as api.TargetHealth));
}

export function headerPairs(headers: Record<string, string>): HeaderPair[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

export function checkWebhookUrl(
  deps: Pick<RelayDeps, 'settings' | 'resolve'>,
  url: string,
  field: string,
) {
  return checkTargetUrl(
    url,
    { allowPrivate: deps.settings.allowPrivateUrls, resolve: deps.resolve },
    field,
  );
}

export function sealNewSecret(deps: Pick<RelayDeps, 'secrets'>, given: string | undefined) {
  const secret = given ?? generateSecret();
  return { secret, sealed: deps.secrets.seal(secret) };
}
