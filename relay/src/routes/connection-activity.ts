import { z } from 'zod';
import { isoSeconds, type TestPayload } from '@fourthchat/shared';
import type { RelayServices } from '../app/services.js';
import { findOwned } from '../domain/owned.js';
import { conversationView, deliveryView } from '../domain/views.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { createDeliveries } from '../pipeline/fan-out.js';
import type { DeliveryDoc } from '../store/documents.js';
import { delivery, idParams, listOf, outgoingPayload } from './schemas.js';

const outcome = z.object({
  ok: z.boolean(),
  status: z.number().nullable(),
  durationMs: z.number(),
  error: z.string().optional(),
});

function outcomeOf(doc: DeliveryDoc | undefined) {
  const last = doc?.attempts.at(-1);
  if (!doc || !last) return { ok: false, status: null, durationMs: 0, error: 'not sent' };
  return {
    ok: doc.status === 'delivered',
    status: last.status,
    durationMs: last.durationMs,
    ...(last.error ? { error: last.error } : {}),
  };
}

export function connectionActivityRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, ids } = services.deps;
  return [
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/test',
      summary: "Send the spec's test payload, signed, to the webhook URL and every subscription",
      tag: 'Connections',
      params: idParams,
      responses: {
        200: outcome.extend({ subscriptions: z.array(outcome.extend({ id: z.string() })) }),
      },
      async handler({ principal, params }) {
        const connection = await findOwned(
          store.connections,
          params.id,
          principal.workspaceId,
          'Connection',
        );
        const payload: TestPayload = {
          test: true,
          message: 'This is a test webhook from your chatbot!',
          timestamp: isoSeconds(clock.now()),
          connectionId: connection._id,
          connectionName: connection.name,
        };
        const created = await createDeliveries(services.deps, {
          connection,
          sourceId: ids.next('test'),
          kind: 'test',
          messageId: null,
          body: JSON.stringify(payload),
        });
        const results = await Promise.all(created.map((d) => services.deliveries.attempt(d._id)));
        const [main, ...subs] = results;
        return {
          status: 200,
          body: {
            ...outcomeOf(main),
            subscriptions: subs.map((doc, index) => ({
              id: created[index + 1]?.subscriptionId as string,
              ...outcomeOf(doc),
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/responses',
      summary: 'Latest AI responses in the outgoing payload shape, newest first',
      tag: 'Connections',
      params: idParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
      responses: { 200: listOf(outgoingPayload) },
      async handler({ principal, params, query }) {
        await findOwned(store.connections, params.id, principal.workspaceId, 'Connection');
        const replies = await store.messages
          .find({ connectionId: params.id, role: 'assistant' })
          .sort({ createdAt: -1 })
          .limit(query.limit)
          .toArray();
        return {
          status: 200,
          body: { data: replies.map((m) => JSON.parse(m.outgoing ?? '{}') as unknown) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/deliveries',
      summary: "The connection's delivery log, newest first",
      tag: 'Deliveries',
      params: idParams,
      query: z.object({
        status: z.enum(['pending', 'retrying', 'delivered', 'failed']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: { 200: listOf(delivery) },
      async handler({ principal, params, query }) {
        await findOwned(store.connections, params.id, principal.workspaceId, 'Connection');
        const docs = await store.deliveries
          .find({ connectionId: params.id, ...(query.status ? { status: query.status } : {}) })
          .sort({ createdAt: -1 })
          .limit(query.limit)
          .toArray();
        return { status: 200, body: { data: docs.map(deliveryView) } };
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
        const doc = await findOwned(store.deliveries, params.id, principal.workspaceId, 'Delivery');
        return { status: 200, body: deliveryView(doc) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/deliveries/:id/redeliver',
      summary: 'Send a delivery again now, with a fresh retry schedule',
      tag: 'Deliveries',
      params: idParams,
      responses: { 202: delivery },
      async handler({ principal, params }) {
        const doc = await findOwned(store.deliveries, params.id, principal.workspaceId, 'Delivery');
        const updated = await store.deliveries.findOneAndUpdate(
          { _id: doc._id },
          {
            $set: {
              status: 'pending',
              nextAttemptAt: null,
              inFlight: null,
              cycleStart: doc.attempts.length,
              updatedAt: clock.now(),
            },
          },
          { returnDocument: 'after' },
        );
        services.deliveries.kick(doc._id);
        return { status: 202, body: deliveryView(updated as DeliveryDoc) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/conversations/:id',
      summary: 'A conversation and its messages, oldest first',
      tag: 'Conversations',
      params: idParams,
      responses: { 200: z.object({ id: z.string() }).loose() },
      async handler({ principal, params }) {
        const doc = await findOwned(
          store.conversations,
          params.id,
          principal.workspaceId,
          'Conversation',
        );
        const messages = await store.messages
          .find({ conversationId: doc._id })
          .sort({ seq: 1 })
          .toArray();
        return { status: 200, body: conversationView(doc, messages) };
      },
    }),
  ];
}
