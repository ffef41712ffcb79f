import { z } from 'zod';
import { DEFAULT_EVENT_TYPES } from '@fourthchat/shared';
import type { RelayServices } from './services.js';
import { checkWebhookUrl, sealNewSecret, viewSubscriptions } from '../domain/connections.js';
import { ownedOr404 } from '../domain/owned.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { PAUSED_BY_HAND } from '../pipeline/target-pause.js';
import type { ConnectionDoc, SubscriptionDoc } from '../store/documents.js';
import { eventTypes, idParams, listOf, secretInput, subscription, webhookUrl } from './schemas.js';

const created = subscription.extend({ secret: z.string() });

export function subscriptionRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, ids } = services.deps;
  const connectionOf = (id: string, workspaceId: string) =>
    ownedOr404(store.connections.owned(id, workspaceId), 'Connection');
  const viewOne = async (connection: ConnectionDoc, doc: SubscriptionDoc) => {
    const [view] = await viewSubscriptions(services.deps, connection, [doc]);
    return view;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/subscriptions',
      summary: 'REST-hook subscriptions on a connection (n8n, Zapier), each with its health',
      tag: 'Subscriptions',
      params: idParams,
      responses: { 200: listOf(subscription) },
      async handler({ principal, params }) {
        const connection = await connectionOf(params.id, principal.workspaceId);
        const docs = await store.subscriptions.forConnection(params.id);
        return {
          status: 200,
          body: { data: await viewSubscriptions(services.deps, connection, docs) },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/subscriptions',
      summary:
        'Subscribe a target URL to events of the connection (default: every AI reply); the same URL again updates its secret and events (200)',
      tag: 'Subscriptions',
      params: idParams,
      body: z.strictObject({
        targetUrl: webhookUrl,
        secret: secretInput.optional(),
        events: eventTypes.default([...DEFAULT_EVENT_TYPES]),
      }),
      responses: { 201: created, 200: created },
      async handler({ principal, params, body }) {
        const connection = await connectionOf(params.id, principal.workspaceId);
        const targetUrl = await checkWebhookUrl(services.deps, body.targetUrl, 'targetUrl');
        const { secret, sealed } = sealNewSecret(services.deps, body.secret);
        const { doc, created } = await store.subscriptions.subscribe({
          _id: ids.next('sub'),
          workspaceId: principal.workspaceId,
          connectionId: params.id,
          targetUrl,
          secret: sealed,
          events: body.events,
          paused: null,
          createdAt: clock.now(),
        });
        return {
          status: created ? 201 : 200,
          body: { ...(await viewOne(connection, doc)), secret },
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/subscriptions/:id',
      summary:
        'Choose the events of a subscription; `paused` pauses or resumes it (resuming sends nothing by itself)',
      tag: 'Subscriptions',
      params: idParams,
      body: z.strictObject({ events: eventTypes.optional(), paused: z.boolean().optional() }),
      responses: { 200: subscription },
      async handler({ principal, params, body }) {
        const owned = () =>
          ownedOr404(store.subscriptions.owned(params.id, principal.workspaceId), 'Subscription');
        const doc = await owned();
        if (body.events !== undefined) await store.subscriptions.setEvents(doc, body.events);
        if (body.paused !== undefined) {
          const ref = { connectionId: doc.connectionId, subscriptionId: doc._id };
          if (body.paused) await services.pauses.pause(ref, PAUSED_BY_HAND);
          else await services.pauses.resume(ref, 'api');
        }
        const connection = await connectionOf(doc.connectionId, principal.workspaceId);
        return { status: 200, body: await viewOne(connection, await owned()) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/subscriptions/:id',
      summary: 'Remove a subscription',
      tag: 'Subscriptions',
      params: idParams,
      responses: { 204: undefined },
      async handler({ principal, params }) {
        const doc = await ownedOr404(
          store.subscriptions.owned(params.id, principal.workspaceId),
          'Subscription',
        );
        await store.subscriptions.delete(doc);
        await store.targetHealth.remove([doc._id]);
        return { status: 204 };
      },
    }),
  ];
}
