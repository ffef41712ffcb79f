import { z } from 'zod';
import type { RelayServices } from './services.js';
import { checkWebhookUrl, sealNewSecret } from '../domain/connections.js';
import { ownedOr404 } from '../domain/owned.js';
import { subscriptionView } from '../domain/views.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { idParams, listOf, secretInput, subscription, webhookUrl } from './schemas.js';

const created = subscription.extend({ secret: z.string() });

export function subscriptionRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, ids } = services.deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/subscriptions',
      summary: 'REST-hook subscriptions on a connection (n8n, Zapier)',
      tag: 'Subscriptions',
      params: idParams,
      responses: { 200: listOf(subscription) },
      async handler({ principal, params }) {
        await ownedOr404(store.connections.owned(params.id, principal.workspaceId), 'Connection');
        const docs = await store.subscriptions.forConnection(params.id);
        return { status: 200, body: { data: docs.map(subscriptionView) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/subscriptions',
      summary:
        'Subscribe a target URL to every AI reply of the connection; the same URL again updates its secret (200)',
      tag: 'Subscriptions',
      params: idParams,
      body: z.strictObject({ targetUrl: webhookUrl, secret: secretInput.optional() }),
      responses: { 201: created, 200: created },
      async handler({ principal, params, body }) {
        await ownedOr404(store.connections.owned(params.id, principal.workspaceId), 'Connection');
        const targetUrl = await checkWebhookUrl(services.deps, body.targetUrl, 'targetUrl');
        const { secret, sealed } = sealNewSecret(services.deps, body.secret);
        const { doc, created } = await store.subscriptions.subscribe({
          _id: ids.next('sub'),
          workspaceId: principal.workspaceId,
          connectionId: params.id,
          targetUrl,
          secret: sealed,
          createdAt: clock.now(),
        });
        return { status: created ? 201 : 200, body: { ...subscriptionView(doc), secret } };
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
        return { status: 204 };
      },
    }),
  ];
}
