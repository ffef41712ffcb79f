import type { Filter } from 'mongodb';
import { z } from 'zod';
import type { RelayServices } from '../app/services.js';
import {
  checkWebhookUrl,
  headerPairs,
  sealNewSecret,
  viewConnection,
} from '../domain/connections.js';
import { findOwned } from '../domain/owned.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import type { ConnectionDoc } from '../store/documents.js';
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
  const view = (doc: ConnectionDoc) => viewConnection(services, doc);
  const list = async (filter: Filter<ConnectionDoc>) => {
    const docs = await store.connections.find(filter).sort({ createdAt: 1 }).toArray();
    return { status: 200, body: { data: docs.map(view) } };
  };
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
        await findOwned(store.chatbots, params.id, principal.workspaceId, 'Chatbot');
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
        await findOwned(store.chatbots, params.id, principal.workspaceId, 'Chatbot');
        const url = await checkWebhookUrl(services, body.webhookUrl, 'webhookUrl');
        const { secret, sealed } = sealNewSecret(services, body.secret);
        const now = clock.now();
        const doc: ConnectionDoc = {
          _id: ids.next('conn'),
          workspaceId: principal.workspaceId,
          chatbotId: params.id,
          name: body.name,
          webhookUrl: url,
          secret: sealed,
          previousSecret: null,
          customHeaders: headerPairs(body.customHeaders),
          enabled: true,
          createdAt: now,
          updatedAt: now,
        };
        await store.connections.insertOne(doc);
        return { status: 201, body: { ...view(doc), secret } };
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
        const doc = await findOwned(
          store.connections,
          params.id,
          principal.workspaceId,
          'Connection',
        );
        return { status: 200, body: view(doc) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/connections/:id',
      summary: 'Change, enable or disable a connection',
      tag: 'Connections',
      params: idParams,
      body: z.strictObject({
        name: name.optional(),
        webhookUrl: webhookUrl.optional(),
        customHeaders: customHeaders.optional(),
        enabled: z.boolean().optional(),
      }),
      responses: { 200: connection },
      async handler({ principal, params, body }) {
        await findOwned(store.connections, params.id, principal.workspaceId, 'Connection');
        const changes: Partial<ConnectionDoc> = { updatedAt: clock.now() };
        if (body.name !== undefined) changes.name = body.name;
        if (body.enabled !== undefined) changes.enabled = body.enabled;
        if (body.customHeaders !== undefined)
          changes.customHeaders = headerPairs(body.customHeaders);
        if (body.webhookUrl !== undefined) {
          changes.webhookUrl = await checkWebhookUrl(services, body.webhookUrl, 'webhookUrl');
        }
        const doc = await store.connections.findOneAndUpdate(
          { _id: params.id, workspaceId: principal.workspaceId },
          { $set: changes },
          { returnDocument: 'after' },
        );
        return { status: 200, body: view(doc as ConnectionDoc) };
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
        await findOwned(store.connections, params.id, principal.workspaceId, 'Connection');
        await store.subscriptions.deleteMany({ connectionId: params.id });
        await store.connections.deleteOne({ _id: params.id });
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
        const doc = await findOwned(
          store.connections,
          params.id,
          principal.workspaceId,
          'Connection',
        );
        const { secret, sealed } = sealNewSecret(services, undefined);
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + services.deps.settings.rotationOverlapMs);
        await store.connections.updateOne(
          { _id: doc._id },
          {
            $set: {
              secret: sealed,
              previousSecret: { sealed: doc.secret, expiresAt },
              updatedAt: now,
            },
          },
        );
        return { status: 200, body: { secret, previousSecretExpiresAt: expiresAt.toISOString() } };
      },
    }),
  ];
}
