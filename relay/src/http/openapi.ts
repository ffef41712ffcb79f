import { z } from 'zod';
import type { RouteSpec } from './route.js';

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parameters(route: RouteSpec): unknown[] {
  const list: unknown[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!(schema instanceof z.ZodObject)) continue;
    for (const [name, field] of Object.entries<z.ZodType>(schema.shape)) {
      list.push({
        name,
        in: location,
        required: location === 'path' || !field.safeParse(undefined).success,
        schema: jsonSchema(field, 'input'),
      });
    }
  }
  return list;
}

/** A payload the relay POSTs to receivers (OpenAPI 3.1 `webhooks`). */
export interface WebhookSpec {
  name: string;
  summary: string;
  schema: z.ZodType;
  example: unknown;
}

function webhookOperations(webhooks: readonly WebhookSpec[]): Record<string, unknown> {
  return Object.fromEntries(
    webhooks.map((hook) => [
      hook.name,
      {
        post: {
          summary: hook.summary,
          parameters: [
            { name: 'X-Webhook-Event', in: 'header', required: true, schema: { const: hook.name } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(hook.schema, 'output'),
                examples: { [hook.name]: { value: hook.example } },
              },
            },
          },
          responses: { '200': { description: 'Any 2xx within the delivery timeout' } },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document, built from the same schemas that validate requests. */
export function buildOpenApi(
  routes: readonly RouteSpec[],
  serverUrl: string,
  webhooks: readonly WebhookSpec[] = [],
): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      responses[status] = {
        description: `HTTP ${status}`,
        ...(schema
          ? { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } }
          : {}),
      };
    }
    responses.default = {
      description: 'Error',
      content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
    };
    (paths[openApiPath(route.path)] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === false ? { security: [] } : {}),
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FourthChat Relay API',
      version: '0.1.0',
      description:
        'Every delivery is signed (X-Webhook-Signature, webhook-signature) and names its event in X-Webhook-Event; `webhooks` lists each payload with an example.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ apiKey: [] }],
    paths,
    webhooks: webhookOperations(webhooks),
  };
}
