// GET /openapi.json: OpenAPI 3.1, generated from the route table, so a route missing from
// the document fails here.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { EVENT_TYPES, isRelayEvent } from '@fourthchat/shared';
import { allRoutes } from '../../relay/src/app/create-app.js';
import { startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';

interface Operation {
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface JsonSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

let relay: TestRelay;
let document: OpenApiDocument;
beforeAll(async () => {
  relay = await startTestRelay();
  const response = await fetch(`${relay.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  document = (await response.json()) as OpenApiDocument;
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
});

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

test('is a valid OpenAPI 3.1 document served without a key, naming this relay', async () => {
  const validator = new Validator();
  const result = await validator.validate(document as unknown as Record<string, unknown>);

  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  expect(document.info.title).toEqual(expect.any(String));
  expect(document.servers).toEqual([{ url: relay.url }]);
});

test('contains every route of the route table, with its path parameters', () => {
  const routes = allRoutes(relay.relay.services);
  expect(routes.length).toBeGreaterThan(20);

  const missing = routes
    .filter((route) => !document.paths[openApiPath(route.path)]?.[route.method])
    .map((route) => `${route.method} ${route.path}`);
  expect(missing).toEqual([]);

  for (const route of routes) {
    const operation = document.paths[openApiPath(route.path)]?.[route.method];
    const named = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
    const declared = (operation?.parameters ?? []).filter((p) => p.in === 'path');
    expect(declared.map((p) => p.name)).toEqual(named);
    expect(declared.every((p) => p.required)).toBe(true);
  }
});

test('documents only routes that exist', () => {
  const routes = new Set(
    allRoutes(relay.relay.services).map((route) => `${route.method} ${openApiPath(route.path)}`),
  );
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method} ${path}`),
  );

  expect(documented.filter((operation) => !routes.has(operation))).toEqual([]);
});

test('the body of POST /api/webhooks/incoming requires connectionId and message', () => {
  const operation = document.paths['/api/webhooks/incoming']?.post;
  const schema = operation?.requestBody?.content['application/json']?.schema;

  expect(schema?.type).toBe('object');
  expect(schema?.required).toEqual(expect.arrayContaining(['connectionId', 'message']));
  expect(schema?.required).not.toContain('userId');
  expect(Object.keys(schema?.properties ?? {})).toEqual(
    expect.arrayContaining([
      'connectionId',
      'message',
      'userId',
      'metadata',
      'callbackUrl',
      'callbackSecret',
    ]),
  );
  expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '202']));
  expect(operation?.parameters?.map((p) => p.name)).toEqual(
    expect.arrayContaining(['wait', 'timeoutMs']),
  );
});

test('public routes need no key; the API does', () => {
  expect(document.paths['/healthz']?.get?.security).toEqual([]);
  expect(document.paths['/api/me']?.get?.security).toBeUndefined();
});

test('documents every event a subscription can receive, with an example', () => {
  const webhooks = (document as unknown as { webhooks: Record<string, { post: Operation }> })
    .webhooks;

  expect(Object.keys(webhooks).sort()).toEqual([...EVENT_TYPES].sort());
  for (const type of EVENT_TYPES.filter((t) => t !== 'ai.response')) {
    const content = webhooks[type]?.post.requestBody?.content['application/json'] as unknown as {
      examples: Record<string, { value: unknown }>;
    };
    expect(isRelayEvent(content.examples[type]?.value)).toBe(true);
  }
});

test('documents the lookups, and the subscription fields and DELETE options of issue 23', () => {
  const { paths } = document;
  expect(paths['/api/messages/{id}']?.get).toBeDefined();
  const conversations = paths['/api/connections/{id}/conversations']?.get;
  expect(conversations?.parameters).toContainEqual(
    expect.objectContaining({ name: 'userId', in: 'query', required: true }),
  );
  const subscribe = paths['/api/connections/{id}/subscriptions']?.post;
  const body = subscribe?.requestBody?.content['application/json']?.schema;
  expect(Object.keys(body?.properties ?? {})).toEqual(
    expect.arrayContaining(['filter', 'whileUnpublished', 'ttlSeconds']),
  );
  expect(paths['/api/subscriptions/{id}']?.delete?.parameters).toContainEqual(
    expect.objectContaining({ name: 'remove', in: 'query', required: false }),
  );
});
