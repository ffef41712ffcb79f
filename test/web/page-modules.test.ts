// The page's own logic, run as shipped: the built modules, imported by Chromium from the
// relay's middleware under its Content-Security-Policy.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Koa from 'koa';
import type { Browser, Page } from 'playwright-core';
import { defaultWebAssetDirs, webPage } from '../../relay/src/web/serve-web.js';
import { launchBrowser, openPage, watchPage, type PageWatch } from './browser.js';
import { scaledMs } from '../support/time-scale.js';

// Launching Chromium can take a few seconds on a busy machine.
jest.setTimeout(scaledMs(20_000));

let server: Server;
let baseUrl: string;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  const dirs = defaultWebAssetDirs();
  if (!existsSync(join(dirs.scriptDir, 'main.js'))) {
    throw new Error(`The page is not built (${dirs.scriptDir}): run \`npm run build\` first`);
  }
  const app = new Koa();
  app.use(webPage(dirs));
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await openPage(browser);
  watch = watchPage(page);
  await page.goto(`${baseUrl}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Calls an exported function of a built module inside the page. */
function call(module: string, name: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    async ([path, fn, params]) => {
      const loaded = (await import(path)) as Record<string, (...a: unknown[]) => unknown>;
      return loaded[fn]?.(...params);
    },
    [`/assets/${module}.js`, name, args] as const,
  );
}

test('without an API key the page asks for one, focused, with no error and no foreign request', async () => {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.locator(':focus').getAttribute('name')).toBe('apiKey');
  expect(await page.title()).toBe('Sign in · FourthChat Relay');
  expect(watch.errors).toEqual([]);
  expect(watch.requests.every((url) => url.startsWith(`${baseUrl}/`))).toBe(true);
});

describe('Custom Headers', () => {
  test.each([
    ['', { ok: true, value: {} }],
    ['  ', { ok: true, value: {} }],
    [
      '{"Authorization": "Bearer your-api-key", "X-Custom-Header": "custom-value"}',
      {
        ok: true,
        value: { Authorization: 'Bearer your-api-key', 'X-Custom-Header': 'custom-value' },
      },
    ],
  ])('%j is accepted', async (input, expected) => {
    expect(await call('forms/validate', 'parseCustomHeaders', input)).toEqual(expected);
  });

  test.each([
    ['{"X-Custom-Header": ', 'This is not valid JSON'],
    ['["X-Custom-Header"]', 'Enter a JSON object'],
    ['"text"', 'Enter a JSON object'],
    ['{"X-Count": 5}', 'The value of X-Count must be a string in quotes.'],
    ['{"Bad Name": "v"}', '"Bad Name" is not a valid header name.'],
    ['{"X-Webhook-Signature": "sha256=0"}', 'X-Webhook-Signature is set by the relay'],
    ['{"webhook-id": "1"}', 'webhook-id is set by the relay'],
    ['{"X-A": "one\\ntwo"}', 'The value of X-A may hold visible ASCII characters'],
    ['{"X-Price": "price €5"}', 'The value of X-Price may hold visible ASCII characters'],
    // The relay's list and the page's are one (shared): these were missing from the page's.
    ['{"Connection": "close"}', 'Connection is set by the relay'],
    ['{"Transfer-Encoding": "chunked"}', 'Transfer-Encoding is set by the relay'],
  ])('%j is refused: %s', async (input, message) => {
    const result = (await call('forms/validate', 'parseCustomHeaders', input)) as {
      ok: boolean;
      message: string;
    };
    expect(result.ok).toBe(false);
    expect(result.message).toContain(message);
  });
});

describe('Webhook URL and Secret', () => {
  test.each([
    ['', false, 'Enter the URL'],
    ['example.com/webhook', false, 'Enter a full URL'],
    ['ftp://example.com/webhook', false, 'must start with https:// or http://'],
    ['https://user:pass@example.com/webhook', false, 'Leave user names and passwords out'],
    [' https://your-webhook-url.com/webhook ', true, 'https://your-webhook-url.com/webhook'],
  ])('webhook URL %j', async (input, ok, text) => {
    const result = (await call('forms/validate', 'checkWebhookUrl', input)) as Record<
      string,
      unknown
    >;
    expect(result.ok).toBe(ok);
    expect(String(result.ok ? result.value : result.message)).toContain(text);
  });

  test.each([
    ['', { ok: true }],
    ['my-shared-secret', { ok: true, value: 'my-shared-secret' }],
    ['short', { ok: false, message: 'A secret needs at least 8 characters.' }],
    [
      'whsec_not base64!',
      { ok: false, message: 'A secret starting with whsec_ must be base64 after the prefix.' },
    ],
  ])('secret %j', async (input, expected) => {
    expect(await call('forms/validate', 'checkSecret', input)).toEqual(expected);
  });
});

test('the curl command is the spec request, and the shell reads it back exactly', async () => {
  const apiKey = `fck_it's_"quoted"_$HOME`;
  const command = (await call('curl', 'incomingCurl', {
    incomingWebhookUrl: 'http://127.0.0.1:3000/api/webhooks/incoming',
    connectionId: 'conn_123',
    apiKey,
  })) as string;
  // A stand-in `curl` prints each argument the shell hands it, each ended by a NUL.
  const printed = execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], {
    encoding: 'utf8',
  });
  const args = printed.split('\0').slice(0, -1);
  expect(args.slice(0, 8)).toEqual([
    '-X',
    'POST',
    'http://127.0.0.1:3000/api/webhooks/incoming',
    '-H',
    `Authorization: Bearer ${apiKey}`,
    '-H',
    'Content-Type: application/json',
    '-d',
  ]);
  expect(JSON.parse(args[8] ?? '')).toEqual({
    connectionId: 'conn_123',
    message: 'Hello, I need help!',
    userId: 'user-123',
    metadata: { name: 'John Doe', email: 'john@example.com' },
  });
  const placeholder = (await call('curl', 'incomingCurl', {
    incomingWebhookUrl: 'http://x/api/webhooks/incoming',
    connectionId: 'c',
  })) as string;
  expect(placeholder).toContain("'Authorization: Bearer YOUR_API_KEY'");
});

test.each([
  ['https://hooks.zapier.com/hooks/standard/123/abc/', 'Zapier'],
  ['https://n8n.example.com/webhook/5f1c/webhook', 'n8n'],
  ['http://localhost:5678/webhook-test/5f1c/webhook', 'n8n'],
  ['https://example.com/hooks/fourthchat', 'REST hook'],
  ['not a url', 'REST hook'],
])('a subscription to %s is labelled %s', async (url, source) => {
  expect(await call('format', 'subscriptionSource', url)).toBe(source);
});

test.each([
  ['', { name: 'chatbots' }],
  ['#/', { name: 'chatbots' }],
  ['#/chatbots/bot_1', { name: 'chatbot', chatbotId: 'bot_1' }],
  ['#/chatbots/bot_1/new', { name: 'new-connection', chatbotId: 'bot_1' }],
  ['#/chatbots/bot_1/new/custom-webhook', { name: 'new-custom-webhook', chatbotId: 'bot_1' }],
  ['#/connections/conn%201', { name: 'connection', connectionId: 'conn 1' }],
  ['#/connections/%E0%A4%A', { name: 'connection', connectionId: '%E0%A4%A' }],
  ['#/nowhere', { name: 'chatbots' }],
])('route %j', async (hash, route) => {
  expect(await call('routes', 'parseRoute', hash)).toEqual(route);
  if (hash.startsWith('#/') && route.name !== 'chatbots' && !hash.includes('%E0')) {
    expect(await call('routes', 'href', route)).toBe(hash);
  }
});

test.each([
  [null, '–'],
  [1, '100 %'],
  [0, '0 %'],
  [0.57, '57 %'],
  // A target that failed once in thousands must not read as perfect.
  [0.9999, '99.9 %'],
  [0.875, '87.5 %'],
])('a success rate of %j reads %j', async (rate, text) => {
  expect(await call('format', 'formatRate', rate)).toBe(text);
});

test.each([
  ['', false, 'Enter the start date and time.'],
  ['yesterday', false, 'Enter the start as a date and time.'],
  ['2026-11-29T10:30', true, ''],
])('recover window start %j', async (input, ok, message) => {
  const result = (await call('forms/validate', 'checkDateTime', input, 'start')) as {
    ok: boolean;
    value?: string;
    message?: string;
  };
  expect(result.ok).toBe(ok);
  if (ok) {
    // The browser's local time, read back as the same instant.
    expect(await page.evaluate((iso) => new Date(iso).getMinutes(), result.value ?? '')).toBe(30);
  } else {
    expect(result.message).toBe(message);
  }
});

test('a datetime-local preset is the local minute, rounded down', async () => {
  // Node and the browser share this machine's time zone.
  const date = new Date(2026, 10, 29, 9, 5, 59, 999);
  expect(await call('format', 'localDateTimeValue', date)).toBe('2026-11-29T09:05');
});
