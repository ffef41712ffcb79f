import { DELIVERY_STATUSES } from '@fourthchat/shared';
import { z } from 'zod';
import type { RelayServices } from './services.js';
import { ownedOr404 } from '../http/owned.js';
import { deliveryView } from '../presenters/deliveries.js';
import { HttpError } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { delivery, idParams, listOf, retentionInfo } from './schemas.js';

export function deliveryRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, settings } = services.deps;
  const owned = (id: string, workspaceId: string) =>
    ownedOr404(store.deliveries.owned(id, workspaceId), 'Delivery');
  return [
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/deliveries',
      summary: "The connection's delivery log, newest first, as far back as the retention window",
      tag: 'Deliveries',
      params: idParams,
      query: z.object({
        status: z.enum(DELIVERY_STATUSES).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: { 200: listOf(delivery).extend(retentionInfo.shape) },
      async handler({ principal, params, query }) {
        await ownedOr404(store.connections.owned(params.id, principal.workspaceId), 'Connection');
        const docs = await store.deliveries.list({ connectionId: params.id, ...query });
        return {
          status: 200,
          body: { data: docs.map(deliveryView), ...retention(settings.retentionDays, clock.now()) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/deliveries/:id',
      summary: 'One delivery with every attempt',
      tag: 'Deliveries',
      params: idParams,
      responses: { 200: delivery },
      async handler({ principal, params }) {
        return { status: 200, body: deliveryView(await owned(params.id, principal.workspaceId)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/deliveries/:id/redeliver',
      summary:
        'Send a delivery again now, with a fresh retry schedule (409 while an attempt is in flight)',
      tag: 'Deliveries',
      params: idParams,
      responses: { 202: delivery },
      async handler({ principal, params }) {
        const doc = await owned(params.id, principal.workspaceId);
        const restarted = await store.deliveries.redeliver(doc, clock.now());
        if (!restarted) {
          throw new HttpError(
            'conflict',
            'An attempt of this delivery is in flight right now; redeliver once it is recorded',
            { retryAfterSeconds: Math.ceil(settings.deliveryTimeoutMs / 1000) },
          );
        }
        // The job is the durable promise of the attempt; the kick makes it happen now.
        await services.scheduler.schedule({
          deliveryId: doc.id,
          attempt: restarted.attemptCount,
          at: clock.now(),
        });
        services.deliveries.kick(doc.id, restarted.attemptCount);
        return { status: 202, body: deliveryView(restarted) };
      },
    }),
  ];
}

/** How far back the log reaches: older entries are removed by retention. */
export function retention(days: number, now: Date) {
  return {
    retentionDays: days,
    availableSince: new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString(),
  };
}
