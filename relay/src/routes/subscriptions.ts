import { z } from 'zod';
import type { RelayServices } from '../app/services.js';
import { checkWebhookUrl, sealNewSecret } from '../domain/connections.js';
import { findOwned } from '../domain/owned.js';
import { subscriptionView } from '../domain/views.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { isDuplicateKey } from '../store/store.js';
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
        await findOwned(store.connections, params.id, principal.workspaceId, 'Connection');
        const docs = await store.subscriptions
          .find({ connectionId: params.id })
          .sort({ createdAt: 1 })
          .toArray();
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
        await findOwned(store.connections, params.id, principal.workspaceId, 'Connection');
        const targetUrl = await checkWebhookUrl(services, body.targetUrl, 'targetUrl');
        const { secret, sealed } = sealNewSecret(services, body.secret);
        const updateExisting = () =>
          store.subscriptions.findOneAndUpdate(
            { connectionId: params.id, targetUrl },
            { $set: { secret: sealed } },
            { returnDocument: 'after' },
          );
        const existing = await updateExisting();
        if (existing) return { status: 200, body: { ...subscriptionView(existing), secret } };
        const doc = {
          _id: ids.next('sub'),
          workspaceId: principal.workspaceId,
          connectionId: params.id,
          targetUrl,
          secret: sealed,
          createdAt: clock.now(),
        };
        try {
          await store.subscriptions.insertOne(doc);
        } catch (error) {
          // The same target subscribed twice at once: the other request created it.
          const raced = isDuplicateKey(error) ? await updateExisting() : null;
          if (!raced) throw error;
          return { status: 200, body: { ...subscriptionView(raced), secret } };
        }
        return { status: 201, body: { ...subscriptionView(doc), secret } };
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
        await findOwned(store.subscriptions, params.id, principal.workspaceId, 'Subscription');
        await store.subscriptions.deleteOne({ _id: params.id });
        return { status: 204 };
      },
    }),
  ];
}
