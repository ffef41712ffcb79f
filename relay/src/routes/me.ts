import { z } from 'zod';
import type { RelayServices } from './services.js';
import { notFound } from '../errors.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { createApiKey } from '../workspaces/tenancy.js';
import { idParams, isoDate, listOf } from './schemas.js';

const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: isoDate,
});

export function meRoutes({ deps }: RelayServices): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: "The API key's workspace (the credential test of the n8n and Zapier apps)",
      tag: 'Workspace',
      responses: { 200: z.object({ workspaceId: z.string(), name: z.string() }) },
      async handler({ principal }) {
        const workspace = await store.workspaces.get(principal.workspaceId);
        if (!workspace) throw notFound('Workspace');
        return { status: 200, body: { workspaceId: workspace.id, name: workspace.name } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/keys',
      summary: "The workspace's active API keys (never the keys themselves)",
      tag: 'Workspace',
      responses: { 200: listOf(apiKey) },
      async handler({ principal }) {
        const keys = await store.workspaces.activeKeys(principal.workspaceId);
        return {
          status: 200,
          body: {
            data: keys.map((k) => ({
              id: k.id,
              name: k.name,
              prefix: k.prefix,
              createdAt: k.createdAt.toISOString(),
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/keys',
      summary: 'Create an API key; the key is shown in this answer only',
      tag: 'Workspace',
      body: z.object({ name: z.string().trim().min(1).max(100) }),
      responses: { 201: apiKey.extend({ key: z.string() }) },
      async handler({ principal, body }) {
        const { apiKey: created, key } = await createApiKey(deps, principal.workspaceId, body.name);
        return {
          status: 201,
          body: {
            id: created.id,
            name: created.name,
            prefix: created.prefix,
            createdAt: created.createdAt.toISOString(),
            key,
          },
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/keys/:id',
      summary: 'Revoke an API key; requests with it get 401 from then on',
      tag: 'Workspace',
      params: idParams,
      responses: { 204: undefined },
      async handler({ principal, params }) {
        const revoked = await store.workspaces.revokeKey(
          params.id,
          principal.workspaceId,
          deps.clock.now(),
        );
        if (!revoked) throw notFound('API key');
        return { status: 204 };
      },
    }),
  ];
}
