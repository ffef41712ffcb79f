import { z } from 'zod';
import {
  DEFAULT_EVENT_TYPES,
  SUBSCRIPTION_REMOVAL_REASONS,
  UNPUBLISHED_PAUSE_REASON,
} from '@fourthchat/shared';
import type { RelayServices } from './services.js';
import { checkWebhookUrl, sealNewSecret } from './target-input.js';
import { viewSubscriptions } from '../presenters/subscriptions.js';
import { ownedOr404 } from '../http/owned.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { PAUSED_BY_HAND } from '../model/pause.js';
import { removeSubscription } from '../subscriptions/remove-subscription.js';
import { removedSubscriptionView } from '../presenters/subscriptions.js';
import type { Connection } from '../model/connection.js';
import type { Subscription, SubscriptionFilter } from '../model/subscription.js';
import {
  eventTypes,
  idParams,
  isoDate,
  secretInput,
  subscription,
  subscriptionFilter,
  webhookUrl,
} from './schemas.js';

const created = subscription.extend({ secret: z.string() });
/** Ten years: a longer expiry is no expiry, which is what leaving ttlSeconds out says. */
const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;

const removedSubscription = z.object({
  id: z.string(),
  connectionId: z.string(),
  targetUrl: z.string(),
  reason: z.enum(SUBSCRIPTION_REMOVAL_REASONS),
  heldDeliveries: z.number(),
  removedAt: isoDate,
});

const subscribeBody = z.strictObject({
  targetUrl: webhookUrl,
  secret: secretInput.optional(),
  events: eventTypes.default([...DEFAULT_EVENT_TYPES]),
  filter: subscriptionFilter.optional(),
  whileUnpublished: z.enum(['hold', 'drop']).default('hold'),
  ttlSeconds: z.number().int().min(1).max(MAX_TTL_SECONDS).optional(),
});

export function subscriptionRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, ids } = services.deps;
  const connectionOf = (id: string, workspaceId: string) =>
    ownedOr404(store.connections.owned(id, workspaceId), 'Connection');
  const ownedSubscription = (id: string, workspaceId: string) =>
    ownedOr404(store.subscriptions.owned(id, workspaceId), 'Subscription');
  const viewOne = async (connection: Connection, doc: Subscription) => {
    const [view] = await viewSubscriptions(services.deps, connection, [doc]);
    return view;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/subscriptions',
      summary:
        'REST-hook subscriptions on a connection (n8n, Zapier), each with its health; `removed`: those the relay removed lately (expiry, 410), newest first',
      tag: 'Subscriptions',
      params: idParams,
      responses: {
        200: z.object({ data: z.array(subscription), removed: z.array(removedSubscription) }),
      },
      async handler({ principal, params }) {
        const connection = await connectionOf(params.id, principal.workspaceId);
        const [docs, removed] = await Promise.all([
          store.subscriptions.forConnection(params.id),
          store.removedSubscriptions.forConnection(params.id),
        ]);
        return {
          status: 200,
          body: {
            data: await viewSubscriptions(services.deps, connection, docs),
            removed: removed.map(removedSubscriptionView),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/subscriptions',
      summary:
        'Subscribe a target URL to events of the connection (default: every AI reply). The same URL again (200) takes the new secret, events, filter, whileUnpublished and ttlSeconds, and resumes it if it was paused: what it held is then sent, oldest first, at RELAY_RECOVER_RATE',
      tag: 'Subscriptions',
      params: idParams,
      body: subscribeBody,
      responses: { 201: created, 200: created },
      async handler({ principal, params, body }) {
        const connection = await connectionOf(params.id, principal.workspaceId);
        const targetUrl = await checkWebhookUrl(services.deps, body.targetUrl, 'targetUrl');
        const { secret, sealed } = sealNewSecret(services.deps, body.secret);
        const now = clock.now();
        const subscribed = await store.subscriptions.subscribe({
          id: ids.next('sub'),
          workspaceId: principal.workspaceId,
          connectionId: params.id,
          targetUrl,
          secret: sealed,
          events: body.events,
          filter: filterOf(body.filter),
          whileUnpublished: body.whileUnpublished,
          paused: null,
          expiresAt:
            body.ttlSeconds === undefined ? null : new Date(now.getTime() + body.ttlSeconds * 1000),
          createdAt: now,
        });
        const doc = subscribed.subscription;
        if (subscribed.resumed) {
          const ref = { connectionId: params.id, subscriptionId: doc.id };
          await services.pauses.resumed(connection, ref, 'subscribe');
        }
        return {
          status: subscribed.created ? 201 : 200,
          body: { ...(await viewOne(connection, doc)), secret },
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/subscriptions/:id',
      summary:
        'Choose the events of a subscription; `paused` pauses or resumes it (resuming sends what it held, oldest first, at RELAY_RECOVER_RATE)',
      tag: 'Subscriptions',
      params: idParams,
      body: z.strictObject({ events: eventTypes.optional(), paused: z.boolean().optional() }),
      responses: { 200: subscription },
      async handler({ principal, params, body }) {
        const doc = await ownedSubscription(params.id, principal.workspaceId);
        if (body.events !== undefined) await store.subscriptions.setEvents(doc, body.events);
        if (body.paused !== undefined) {
          const ref = { connectionId: doc.connectionId, subscriptionId: doc.id };
          if (body.paused) await services.pauses.pause(ref, PAUSED_BY_HAND);
          else await services.pauses.resume(ref, 'api');
        }
        const connection = await connectionOf(doc.connectionId, principal.workspaceId);
        const now = await ownedSubscription(params.id, principal.workspaceId);
        return { status: 200, body: await viewOne(connection, now) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/subscriptions/:id',
      summary:
        'Unsubscribe (a workflow unpublished, a Zap turned off): with whileUnpublished "hold" the subscription is paused (reason "unpublished") and holds its replies until its URL is subscribed again; with "drop", or ?remove=true, it is removed',
      tag: 'Subscriptions',
      params: idParams,
      query: z.object({ remove: z.enum(['true', 'false']).default('false') }),
      responses: { 204: undefined },
      async handler({ principal, params, query }) {
        const doc = await ownedSubscription(params.id, principal.workspaceId);
        if (query.remove === 'true' || doc.whileUnpublished === 'drop') {
          await removeSubscription(
            { ...services.deps, events: services.relayEvents },
            { subscription: doc, remover: { by: 'owner' } },
          );
        } else {
          const ref = { connectionId: doc.connectionId, subscriptionId: doc.id };
          // Paused already (failing, by hand): it stays so, since then, and holds the same way.
          await services.pauses.pause(ref, UNPUBLISHED_PAUSE_REASON);
        }
        return { status: 204 };
      },
    }),
  ];
}

function filterOf(filter: z.output<typeof subscriptionFilter> | undefined) {
  const metadata = Object.entries(filter?.metadata ?? {}).map(([key, value]) => ({ key, value }));
  const chosen: SubscriptionFilter = { userId: filter?.userId ?? null, metadata };
  return chosen.userId === null && metadata.length === 0 ? null : chosen;
}
