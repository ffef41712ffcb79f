import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/** One file of the page, read once: its bytes, type and validator. */
export interface WebAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** URL path (`/`, `/assets/app.js`) → asset. */
export type WebAssets = ReadonlyMap<string, WebAsset>;

export interface WebAssetDirs {
  /** index.html, styles.css, icon.svg: served as they are. */
  staticDir: string;
  /** The browser modules tsc compiled (relay/dist/web/assets). */
  scriptDir: string;
}

// Only what the page is made of; declaration files, build info and anything else stay private.
const CONTENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
]);

async function filesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir, { recursive: true });
  } catch (error) {
    // Not built yet: the page answers 503 and says how to build it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readAsset(path: string, contentType: string): Promise<WebAsset> {
  const body = await readFile(path);
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, contentType, etag: `"${digest}"` };
}

async function addDir(assets: Map<string, WebAsset>, dir: string, urlOf: (file: string) => string) {
  for (const file of await filesIn(dir)) {
    const contentType = CONTENT_TYPES.get(extname(file));
    if (!contentType) continue;
    assets.set(urlOf(file.split(sep).join('/')), await readAsset(join(dir, file), contentType));
  }
}

/** Reads the whole page into memory: a few dozen small files, served without touching the disk. */
export async function loadWebAssets(dirs: WebAssetDirs): Promise<WebAssets> {
  const assets = new Map<string, WebAsset>();
  await addDir(assets, dirs.staticDir, (file) => (file === 'index.html' ? '/' : `/assets/${file}`));
  await addDir(assets, dirs.scriptDir, (file) => `/assets/${file}`);
  return assets;
}
