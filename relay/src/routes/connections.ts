import { z } from 'zod';
import type { RelayServices } from './services.js';
import { viewConnection, viewConnections } from '../presenters/connections.js';
import { checkWebhookUrl, headerPairs, sealNewSecret } from './target-input.js';
import { ownedOr404 } from '../http/owned.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { HttpError } from '../errors.js';
import { PAUSED_BY_HAND } from '../model/pause.js';
import type { Connection, ConnectionChanges } from '../model/connection.js';
import { deleteConnection } from '../workspaces/delete-connection.js';
import {
  connection,
  customHeaders,
  idParams,
  isoDate,
  listOf,
  secretInput,
  webhookUrl,
} from './schemas.js';

const name = z.string().trim().min(1).max(200);

export function connectionRoutes(services: RelayServices): RouteSpec[] {
  const { store, clock, ids } = services.deps;
  const view = (doc: Connection) => viewConnection(services.deps, services.publicUrl(), doc);
  const list = async (filter: { workspaceId: string; chatbotId?: string }) => {
    const docs = await store.connections.list(filter);
    return {
      status: 200,
      body: { data: await viewConnections(services.deps, services.publicUrl(), docs) },
    };
  };
  const owned = (id: string, workspaceId: string) =>
    ownedOr404(store.connections.owned(id, workspaceId), 'Connection');
  return [
    defineRoute({
      method: 'get',
      path: '/api/connections',
      summary: "All of the workspace's connections (for pickers)",
      tag: 'Connections',
      responses: { 200: listOf(connection) },
      handler: ({ principal }) => list({ workspaceId: principal.workspaceId }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/chatbots/:id/connections',
      summary: "A chatbot's connections",
      tag: 'Connections',
      params: idParams,
      responses: { 200: listOf(connection) },
      async handler({ principal, params }) {
        await ownedOr404(store.chatbots.owned(params.id, principal.workspaceId), 'Chatbot');
        return list({ workspaceId: principal.workspaceId, chatbotId: params.id });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/chatbots/:id/connections',
      summary: 'Create a Custom Webhook connection; the answer shows its secret once',
      tag: 'Connections',
      params: idParams,
      body: z.strictObject({
        name: name.default('Custom Webhook'),
        webhookUrl,
        secret: secretInput.optional(),
        customHeaders: customHeaders.default({}),
      }),
      responses: { 201: connection.extend({ secret: z.string() }) },
      async handler({ principal, params, body }) {
        await ownedOr404(store.chatbots.owned(params.id, principal.workspaceId), 'Chatbot');
        const url = await checkWebhookUrl(services.deps, body.webhookUrl, 'webhookUrl');
        const { secret, sealed } = sealNewSecret(services.deps, body.secret);
        const now = clock.now();
        const doc: Connection = {
          id: ids.next('conn'),
          workspaceId: principal.workspaceId,
          chatbotId: params.id,
          name: body.name,
          webhookUrl: url,
          secret: sealed,
          previousSecrets: [],
          customHeaders: headerPairs(body.customHeaders),
          enabled: true,
          webhookPaused: null,
          createdAt: now,
          updatedAt: now,
        };
        await store.connections.insert(doc);
        return { status: 201, body: { ...(await view(doc)), secret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/connections/:id',
      summary: 'One connection (without its secret)',
      tag: 'Connections',
      params: idParams,
      responses: { 200: connection },
      async handler({ principal, params }) {
        return { status: 200, body: await view(await owned(params.id, principal.workspaceId)) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/connections/:id',
      summary:
        'Change, enable or disable a connection; `paused` pauses or resumes its webhook URL (resuming sends nothing by itself)',
      tag: 'Connections',
      params: idParams,
      body: z.strictObject({
        name: name.optional(),
        webhookUrl: webhookUrl.optional(),
        customHeaders: customHeaders.optional(),
        enabled: z.boolean().optional(),
        paused: z.boolean().optional(),
      }),
      responses: { 200: connection },
      async handler({ principal, params, body }) {
        await owned(params.id, principal.workspaceId);
        if (body.paused !== undefined) {
          const ref = { connectionId: params.id, subscriptionId: null };
          if (body.paused) await services.pauses.pause(ref, PAUSED_BY_HAND);
          else await services.pauses.resume(ref, 'api');
        }
        const changes: ConnectionChanges = {};
        if (body.name !== undefined) changes.name = body.name;
        if (body.enabled !== undefined) changes.enabled = body.enabled;
        if (body.customHeaders !== undefined)
          changes.customHeaders = headerPairs(body.customHeaders);
        if (body.webhookUrl !== undefined) {
          changes.webhookUrl = await checkWebhookUrl(services.deps, body.webhookUrl, 'webhookUrl');
        }
        // Deleted meanwhile: a 404 like any other missing connection.
        const doc = await ownedOr404(
          store.connections.update(params.id, principal.workspaceId, changes, clock.now()),
          'Connection',
        );
        return { status: 200, body: await view(doc) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/connections/:id',
      summary: 'Delete a connection and its subscriptions',
      tag: 'Connections',
      params: idParams,
      responses: { 204: undefined },
      async handler({ principal, params }) {
        const connection = await owned(params.id, principal.workspaceId);
        await deleteConnection(services.deps, { connection });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/connections/:id/rotate-secret',
      summary: 'Replace the secret; the old one co-signs (webhook-signature) during the overlap',
      tag: 'Connections',
      params: idParams,
      responses: { 200: z.object({ secret: z.string(), previousSecretExpiresAt: isoDate }) },
      async handler({ principal, params }) {
        const doc = await owned(params.id, principal.workspaceId);
        const { secret, sealed } = sealNewSecret(services.deps, undefined);
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + services.deps.settings.rotationOverlapMs);
        if (!(await store.connections.rotateSecret(doc, sealed, expiresAt, now))) {
          throw new HttpError(
            'conflict',
            'The secret was rotated by another request at the same moment; rotate again if needed',
          );
        }
        return { status: 200, body: { secret, previousSecretExpiresAt: expiresAt.toISOString() } };
      },
    }),
  ];
}
