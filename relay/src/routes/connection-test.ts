import { z } from 'zod';
import { isoSeconds, type TestPayload } from '@fourthchat/shared';
import type { RelayServices } from './services.js';
import { ownedOr404 } from '../http/owned.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { deliveriesFor } from '../targets/fan-out.js';
import { isClaimed, type Delivery } from '../model/delivery.js';
import { idParams } from './schemas.js';

const outcome = z.object({
  ok: z.boolean(),
  status: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().optional(),
});

function outcomeOf(doc: Delivery) {
  const last = doc.attempts.at(-1);
  if (!last) return { ok: false, status: null, durationMs: 0, error: 'not sent' };
  return {
    ok: doc.status === 'delivered',
    status: last.status,
    durationMs: last.durationMs,
    ...(last.error ? { error: last.error } : {}),
  };
}

export function connectionTestRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, ids } = services.deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/test',
      summary:
        "Send the spec's test payload, signed, to the webhook URL and every subscription (paused ones too); a paused webhook URL that answers 2xx is resumed",
      tag: 'Connections',
      params: idParams,
      responses: {
        200: outcome.extend({ subscriptions: z.array(outcome.extend({ id: z.string() })) }),
      },
      async handler({ principal, params }) {
        const connection = await ownedOr404(
          store.connections.owned(params.id, principal.workspaceId),
          'Connection',
        );
        const payload: TestPayload = {
          test: true,
          message: 'This is a test webhook from your chatbot!',
          timestamp: isoSeconds(clock.now()),
          connectionId: connection.id,
          connectionName: connection.name,
        };
        const docs = await deliveriesFor(services.deps, {
          connection,
          sourceId: ids.next('test'),
          kind: 'test',
          event: 'ai.response',
          messageId: null,
          body: JSON.stringify(payload),
          claim: services.deliveries.claimFor(0),
        });
        await store.deliveries.createMany(docs);
        const [main, ...subs] = await Promise.all(
          // All of them: created here with this process's claim (tests are never held).
          docs.filter(isClaimed).map((doc) => services.deliveries.send(doc)),
        );
        // The webhook URL answered: a paused one is resumed (which sends nothing else).
        if (main?.status === 'delivered' && connection.webhookPaused) {
          await services.pauses.resume(
            { connectionId: connection.id, subscriptionId: null },
            'test',
          );
        }
        return {
          status: 200,
          body: {
            ...outcomeOf(main as Delivery),
            subscriptions: subs.map((doc) => ({
              id: doc.subscriptionId as string,
              ...outcomeOf(doc),
            })),
          },
        };
      },
    }),
  ];
}
