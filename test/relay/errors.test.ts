// Every error status a client can provoke, with its stable code; and none of it a 5xx.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';

let relay: TestRelay;
let receiver: Receiver;
let connectionId: string;
let chatbotId: string;
beforeAll(async () => {
  relay = await startTestRelay();
  receiver = await startReceiver();
  ({ connectionId, chatbotId } = await createConnection(relay, receiver.url));
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

/** A raw request: any method, content type and body, with the relay's key unless told. */
async function raw(
  target: TestRelay,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
) {
  const response = await fetch(`${target.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${target.apiKey}`, ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

const json = { 'content-type': 'application/json' };

/** Metadata `depth` objects deep: {"a":{"a":…1}}. */
function nested(depth: number): Record<string, unknown> {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value as Record<string, unknown>;
}

describe('400 validation_failed names the field', () => {
  test.each([
    ['/api/webhooks/incoming', { connectionId: 'c' }, 'message'],
    ['/api/webhooks/incoming', { connectionId: 'c', message: '' }, 'message'],
    // shared's message rule: the n8n node and the Zapier app refuse the same texts.
    ['/api/webhooks/incoming', { connectionId: 'c', message: ' \n\t ' }, 'message'],
    ['/api/webhooks/incoming', { connectionId: 'c', message: 'x'.repeat(32_001) }, 'message'],
    ['/api/webhooks/incoming', { connectionId: 42, message: 'hi' }, 'connectionId'],
    ['/api/webhooks/incoming', { connectionId: 'c', message: 'hi', userId: '' }, 'userId'],
    ['/api/webhooks/incoming', { connectionId: 'c', message: 'hi', metadata: [1] }, 'metadata'],
    [
      '/api/webhooks/incoming',
      { connectionId: 'c', message: 'hi', metadata: nested(33) },
      'metadata',
    ],
    ['/api/chatbots', { name: 'x', temperature: 3 }, 'temperature'],
    ['/api/chatbots', { name: 'x', historyLimit: 1.5 }, 'historyLimit'],
    ['/api/chatbots', { name: '   ' }, 'name'],
    ['/api/chatbots', { name: 'x', colour: 'blue' }, 'colour'],
  ])('POST %s %j → %s', async (path, body, field) => {
    const response = await relay.api(path, { body });

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'validation_failed',
      message: expect.stringContaining(field),
      field,
    });
  });

  test.each([
    [{ webhookUrl: 'not a url' }, 'webhookUrl'],
    [{ webhookUrl: 'ftp://example.com/x' }, 'webhookUrl'],
    [{ webhookUrl: 'http://user:pw@example.com/x' }, 'webhookUrl'],
    [{ webhookUrl: 'http://example.com', secret: 'short' }, 'secret'],
    [{ webhookUrl: 'http://example.com', secret: 'whsec_not base64!' }, 'secret'],
    [{ webhookUrl: 'http://example.com', customHeaders: { 'Bad Header': 'x' } }, 'customHeaders'],
    [
      { webhookUrl: 'http://example.com', customHeaders: { 'X-Ok': 'a\r\nInjected: 1' } },
      'customHeaders',
    ],
    [{ webhookUrl: 'http://example.com', customHeaders: ['X-Ok'] }, 'customHeaders'],
  ])('a connection with %j names %s', async (body, field) => {
    const response = await relay.api(`/api/chatbots/${chatbotId}/connections`, { body });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.field).toMatch(new RegExp(`^${field}`));
  });

  test.each([
    [`/api/connections/CONN/responses?limit=0`, 'limit'],
    [`/api/connections/CONN/deliveries?status=lost`, 'status'],
    [`/api/chatbots/${'x'.repeat(101)}`, 'id'],
  ])('GET %s names %s', async (path, field) => {
    const response = await relay.api(path.replace('CONN', connectionId));

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(
      expect.objectContaining({ code: 'validation_failed', field }),
    );
  });

  test.each([
    ['?wait=maybe', 'wait'],
    ['?timeoutMs=-5', 'timeoutMs'],
    ['?wait=true&wait=true', 'wait'],
  ])('POST /api/webhooks/incoming%s names %s', async (query, field) => {
    const response = await relay.api(`/api/webhooks/incoming${query}`, {
      body: { connectionId, message: 'hi' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  test('metadata nested past what JSON.stringify can take is a 400, not a crash', async () => {
    const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const response = await raw(relay, '/api/webhooks/incoming', {
      method: 'POST',
      headers: json,
      body: `{"connectionId":"${connectionId}","message":"hi","metadata":${deep}}`,
    });

    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('metadata');
  });

  test.each([
    ['not JSON', '{"connectionId": '],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"hello"'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])('%s is a 400', async (_what, body) => {
    const response = await raw(relay, '/api/webhooks/incoming', {
      method: 'POST',
      headers: json,
      body,
    });

    expect(response.status).toBe(400);
    expect(['invalid_json', 'validation_failed']).toContain(response.body.error.code);
  });
});

describe('401 unauthorized', () => {
  test.each([
    ['no Authorization header', {}],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['an unknown key', { authorization: 'Bearer fck_not_a_real_key_at_all' }],
  ])('%s', async (_what, headers) => {
    const response = await fetch(`${relay.url}/api/me`, { headers });

    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'unauthorized',
    );
  });

  test('a revoked key', async () => {
    const created = await relay.api('/api/keys', { body: { name: 'short-lived' } });
    expect((await relay.api('/api/me', { apiKey: created.body.key })).status).toBe(200);

    expect((await relay.api(`/api/keys/${created.body.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );

    const response = await relay.api('/api/me', { apiKey: created.body.key });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
  });
});

describe('404 and 405', () => {
  test.each([
    ['GET', '/api/nothing-here'],
    ['POST', '/nope'],
    ['GET', '/api/chatbots/bot_missing'],
    ['GET', '/api/chatbots/%E0%A4%A'],
  ])('%s %s is a 404 not_found', async (method, path) => {
    const response = await raw(relay, path, { method });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  test.each([
    ['PUT', '/api/chatbots', 'HEAD, GET, POST'],
    ['DELETE', '/api/chatbots', 'HEAD, GET, POST'],
    ['POST', '/api/me', 'HEAD, GET'],
    ['PUT', '/api/connections/conn_x', 'HEAD, GET, PATCH, DELETE'],
  ])('%s %s is a 405 method_not_allowed with Allow: %s', async (method, path, allow) => {
    const response = await raw(relay, path, { method, headers: json, body: '{}' });

    expect(response.status).toBe(405);
    expect(response.body.error.code).toBe('method_not_allowed');
    expect(response.headers.get('allow')?.split(/,\s*/).sort()).toEqual(allow.split(', ').sort());
  });
});

test('409 connection_disabled for a message to a disabled connection', async () => {
  const { connectionId: disabled } = await createConnection(relay, receiver.url);
  const patched = await relay.api(`/api/connections/${disabled}`, {
    method: 'PATCH',
    body: { enabled: false },
  });
  expect(patched.body.enabled).toBe(false);

  const response = await relay.api('/api/webhooks/incoming', {
    body: { connectionId: disabled, message: 'anyone home?' },
  });

  expect(response.status).toBe(409);
  expect(response.body.error.code).toBe('connection_disabled');
});

describe('413 payload_too_large over 256 KB', () => {
  const oversized = JSON.stringify({ connectionId: 'c', message: 'x'.repeat(256 * 1024) });

  test('with a Content-Length', async () => {
    const response = await raw(relay, '/api/webhooks/incoming', {
      method: 'POST',
      headers: json,
      body: oversized,
    });

    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  test('streamed in chunks without a Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${relay.url}/api/webhooks/incoming`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${relay.apiKey}` },
      });
      req.once('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The relay may answer and close before the whole body is written.
      req.once('error', (error) => (req.writableEnded ? undefined : reject(error)));
      for (let sent = 0; sent < oversized.length; sent += 16 * 1024) {
        req.write(oversized.slice(sent, sent + 16 * 1024));
      }
      req.end();
    });

    expect(status).toBe(413);
  });

  test('metadata 32 levels deep is accepted and echoed', async () => {
    const response = await relay.api('/api/webhooks/incoming?wait=true', {
      body: { connectionId, message: 'deep', metadata: nested(32) },
    });

    expect(response.status).toBe(200);
    expect(response.body.metadata).toEqual(nested(32));
  });

  test('a body just under the limit is accepted', async () => {
    const message = 'x'.repeat(30_000);
    const response = await relay.api('/api/webhooks/incoming', {
      body: { connectionId, message, metadata: { pad: 'y'.repeat(200 * 1024) } },
    });

    expect(response.status).toBe(202);
  });
});

describe('415 unsupported_media_type', () => {
  test.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no content type', {}],
  ])('%s', async (_what, headers) => {
    const response = await raw(relay, '/api/webhooks/incoming', {
      method: 'POST',
      headers,
      body: JSON.stringify({ connectionId, message: 'hi' }),
    });

    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });
});

describe('429 rate_limited', () => {
  let limited: TestRelay;
  beforeAll(async () => {
    limited = await startTestRelay({ settings: { rateLimitPerMinute: 5 } });
  });
  afterAll(async () => {
    await closeWithoutServerErrors(limited);
  });

  test('per key, with Retry-After, without touching other keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.api('/api/me')).status);
    const over = await limited.api('/api/me');
    const otherKey = await limited.newWorkspace();

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await limited.api('/api/me', { apiKey: otherKey })).status).toBe(200);
  });

  test('for repeated bad keys from one address, while good keys still work', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await limited.api('/api/chatbots', { apiKey: `fck_guess_${i}` })).status);
    }
    const next = await limited.api('/api/chatbots', { apiKey: 'fck_guess_again' });

    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toMatch(/^\d+$/);
    const good = await limited.newWorkspace();
    expect((await limited.api('/api/me', { apiKey: good })).status).toBe(200);
  });
});
