import type { RelayServices } from './services.js';
import { ownedOr404 } from '../http/owned.js';
import { messageLookupView } from '../presenters/conversations.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { idParams, messageLookup } from './schemas.js';

export function messageRoutes(services: RelayServices): RouteSpec[] {
  const { store } = services.deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/messages/:id',
      summary:
        'A message sent to POST /api/webhooks/incoming (its messageId) and its reply: pending, replied (the reply in the outgoing format) or failed (why)',
      tag: 'Messages',
      params: idParams,
      responses: { 200: messageLookup },
      async handler({ principal, params }) {
        const found = await ownedOr404(
          store.messages.ownedQuestion(params.id, principal.workspaceId),
          'Message',
        );
        return { status: 200, body: messageLookupView(found) };
      },
    }),
  ];
}
