import { z } from 'zod';
import type { RelayServices } from './services.js';
import { conversationIdFor } from '../conversations/conversation-ids.js';
import { ownedOr404 } from '../http/owned.js';
import { conversationSummaryView, conversationView } from '../presenters/conversations.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { retention } from './deliveries.js';
import {
  conversationSummary,
  idParams,
  listOf,
  outgoingPayload,
  retentionInfo,
} from './schemas.js';

export function conversationRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, settings, ids } = services.deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/connections/:id/conversations',
      summary:
        "Find a connection's conversation with a user: 0 or 1 (one conversation per connection and userId), without its messages",
      tag: 'Conversations',
      params: idParams,
      query: z.object({ userId: z.string().min(1).max(200) }),
      responses: { 200: listOf(conversationSummary) },
      async handler({ principal, params, query }) {
        await ownedOr404(store.connections.owned(params.id, principal.workspaceId), 'Connection');
        // Its id derives from (connection, userId): one read by id.
        const id = conversationIdFor(ids, params.id, query.userId);
        const found = await store.conversations.owned(id, principal.workspaceId);
        return { status: 200, body: { data: found ? [conversationSummaryView(found)] : [] } };
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
        await ownedOr404(store.connections.owned(params.id, principal.workspaceId), 'Connection');
        const replies = await store.conversations.latestReplies(params.id, query.limit);
        return {
          status: 200,
          body: { data: replies.map((m) => JSON.parse(m.outgoing ?? '{}') as unknown) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/conversations/:id',
      summary: 'A conversation and its messages, oldest first, as far back as the retention window',
      tag: 'Conversations',
      params: idParams,
      responses: { 200: z.object({ id: z.string() }).loose().extend(retentionInfo.shape) },
      async handler({ principal, params }) {
        const doc = await ownedOr404(
          store.conversations.owned(params.id, principal.workspaceId),
          'Conversation',
        );
        const transcript = await store.conversations.transcript(doc.id);
        return {
          status: 200,
          body: {
            ...conversationView(doc, transcript),
            ...retention(settings.retentionDays, clock.now()),
          },
        };
      },
    }),
  ];
}
