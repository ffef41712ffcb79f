import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Koa from 'koa';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webPage } from '../../relay/src/web/serve-web.js';
import type { WebAssetDirs } from '../../relay/src/web/web-assets.js';

interface Site {
  url: string;
  dirs: WebAssetDirs;
  close(): Promise<void>;
}

/** The middleware alone in a Koa app whose next handler answers 404 "downstream". */
async function serve(dirs: WebAssetDirs): Promise<Site> {
  const app = new Koa();
  app.use(webPage(dirs));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = 'downstream';
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dirs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** node:http, because fetch marks conditional requests `Cache-Control: no-cache` (never fresh). */
function conditionalGet(url: string, etag: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'if-none-match': etag } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

function tempDirs(): WebAssetDirs {
  const root = mkdtempSync(join(tmpdir(), 'fourthchat-web-'));
  return { staticDir: join(root, 'static'), scriptDir: join(root, 'assets') };
}

function writeSite(dirs: WebAssetDirs) {
  mkdirSync(join(dirs.scriptDir, 'screens'), { recursive: true });
  mkdirSync(dirs.staticDir, { recursive: true });
  writeFileSync(join(dirs.staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dirs.staticDir, 'styles.css'), 'body{}');
  writeFileSync(join(dirs.staticDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dirs.scriptDir, 'main.js'), 'export {};');
  writeFileSync(join(dirs.scriptDir, 'screens', 'chatbots.js'), 'export const x = 1;');
  writeFileSync(join(dirs.scriptDir, 'main.d.ts'), 'export {};');
  writeFileSync(join(dirs.scriptDir, '.tsbuildinfo'), '{}');
}

let site: Site;
beforeAll(async () => {
  const dirs = tempDirs();
  writeSite(dirs);
  site = await serve(dirs);
});
afterAll(async () => {
  await site.close();
  rmSync(join(site.dirs.staticDir, '..'), { recursive: true, force: true });
});

describe('the page and its files', () => {
  test.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>t</title>'],
    ['/assets/main.js', 'text/javascript; charset=utf-8', 'export {};'],
    ['/assets/screens/chatbots.js', 'text/javascript; charset=utf-8', 'export const x = 1;'],
    ['/assets/styles.css', 'text/css; charset=utf-8', 'body{}'],
    ['/assets/icon.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ])('GET %s answers %s', async (path, type, body) => {
    const response = await fetch(`${site.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(body);
  });

  test('every file carries a strict policy with no external origin', async () => {
    const response = await fetch(`${site.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/https?:|\*|'unsafe-/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  test('files are revalidated with their ETag and answer 304 when unchanged', async () => {
    const first = await fetch(`${site.url}/assets/main.js`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await conditionalGet(`${site.url}/assets/main.js`, etag ?? '');
    expect(again).toEqual({ status: 304, body: '' });
    const other = await conditionalGet(`${site.url}/assets/styles.css`, etag ?? '');
    expect(other).toEqual({ status: 200, body: 'body{}' });
  });

  test('HEAD answers the headers without a body', async () => {
    const response = await fetch(`${site.url}/`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('31');
    expect(await response.text()).toBe('');
  });
});

describe('what the middleware leaves to the rest of the relay', () => {
  test.each([
    ['GET', '/assets/main.d.ts'],
    ['GET', '/assets/.tsbuildinfo'],
    ['GET', '/assets/missing.js'],
    ['GET', '/assets/..%2Findex.html'],
    ['GET', '/api/me'],
    ['GET', '/index.html'],
    ['POST', '/'],
    ['DELETE', '/assets/main.js'],
  ])('%s %s goes on to the next handler', async (method, path) => {
    const response = await fetch(`${site.url}${path}`, { method });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('downstream');
  });
});

test('a page not built yet answers 503 with what to do, and is served once it is built', async () => {
  const dirs = tempDirs();
  const unbuilt = await serve(dirs);
  try {
    const before = await fetch(`${unbuilt.url}/`);
    expect(before.status).toBe(503);
    expect(await before.text()).toContain('npm run build');
    writeSite(dirs);
    const after = await fetch(`${unbuilt.url}/`);
    expect(after.status).toBe(200);
  } finally {
    await unbuilt.close();
    rmSync(join(dirs.staticDir, '..'), { recursive: true, force: true });
  }
});
