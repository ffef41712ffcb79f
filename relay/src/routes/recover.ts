import { z } from 'zod';
import type { RelayServices } from './services.js';
import { ownedOr404 } from '../http/owned.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { recoverDeliveries, recoverWindow } from '../deliveries/recover.js';
import { idParams } from './schemas.js';

const instant = z.iso.datetime({ offset: true });

/** A window of delivery creation times, [since, until), and optionally one target. */
const window = z
  .strictObject({
    since: instant,
    until: instant.optional(),
    target: z
      .string()
      .regex(/^(webhook|sub_[A-Za-z0-9_]{1,100})$/, 'webhook or a subscription id')
      .optional(),
  })
  .refine((w) => w.until === undefined || Date.parse(w.until) > Date.parse(w.since), {
    error: 'until must be after since',
    path: ['until'],
  });

const recoverResult = z.object({
  id: z.string(),
  queued: z.number(),
  ratePerSecond: z.number(),
  repeated: z.boolean(),
});

export function recoverRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock } = services.deps;
  const input = async (id: string, workspaceId: string, given: z.output<typeof window>) => ({
    connection: await ownedOr404(store.connections.owned(id, workspaceId), 'Connection'),
    since: new Date(given.since),
    until: given.until,
    target: given.target,
  });
  return [
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/recover',
      summary:
        'Re-queue every failed or paused delivery created in [since, until), oldest first, at most RELAY_RECOVER_RATE a second; the same window again queues nothing (200, repeated) and a paused target in it is a 409 target_paused',
      tag: 'Deliveries',
      params: idParams,
      body: window,
      responses: { 202: recoverResult, 200: recoverResult },
      async handler({ principal, params, body }) {
        const result = await recoverDeliveries(
          services.deps,
          services,
          await input(params.id, principal.workspaceId, body),
        );
        return { status: result.repeated ? 200 : 202, body: result };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/recover',
      summary: 'How many deliveries a recover of this window would queue now',
      tag: 'Deliveries',
      params: idParams,
      query: window,
      responses: { 200: z.object({ count: z.number(), ratePerSecond: z.number() }) },
      async handler({ principal, params, query }) {
        const given = await input(params.id, principal.workspaceId, query);
        const count = await store.deliveries.countRecoverable(recoverWindow(given, clock.now()));
        return {
          status: 200,
          body: { count, ratePerSecond: services.deps.settings.recoverRatePerSecond },
        };
      },
    }),
  ];
}
