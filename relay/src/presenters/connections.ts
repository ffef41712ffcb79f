import type * as api from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { Connection } from '../model/connection.js';
import { targetsOf, type DeliveryTarget } from '../targets/targets.js';
import { healthOfTargets } from './target-health.js';

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

export function connectionView(
  doc: Connection,
  incomingWebhookUrl: string,
  health: api.TargetHealth[],
): api.Connection {
  return {
    id: doc.id,
    chatbotId: doc.chatbotId,
    name: doc.name,
    webhookUrl: doc.webhookUrl,
    customHeaders: Object.fromEntries(doc.customHeaders.map(({ name, value }) => [name, value])),
    enabled: doc.enabled,
    incomingWebhookUrl,
    health,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
