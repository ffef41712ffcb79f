import type { Middleware } from 'koa';
import { fileURLToPath } from 'node:url';
import { PAGE_HEADERS } from './security-headers.js';
import { loadWebAssets, type WebAssetDirs, type WebAssets } from './web-assets.js';

// The same from relay/src/web (tests) and relay/dist/web (built): two levels up is relay/.
const relayRoot = new URL('../../', import.meta.url);

export function defaultWebAssetDirs(): WebAssetDirs {
  return {
    staticDir: fileURLToPath(new URL('web/static/', relayRoot)),
    scriptDir: fileURLToPath(new URL('dist/web/assets/', relayRoot)),
  };
}

const NOT_BUILT = 'The connections page is not built. Run `npm run build` in the repository.\n';

/** Reads the files once; a failed read, or a page not built yet, is tried again next time. */
function assetCache(dirs: WebAssetDirs): () => Promise<WebAssets> {
  let loading: Promise<WebAssets> | undefined;
  return async () => {
    loading ??= loadWebAssets(dirs);
    try {
      const assets = await loading;
      if (!assets.has('/')) loading = undefined;
      return assets;
    } catch (error) {
      loading = undefined;
      throw error;
    }
  };
}

/**
 * Serves the connections page at `/` and its files under `/assets/`, without an API key: the
 * page asks for one and then uses the JSON API like any other client. Anything else passes on.
 */
export function webPage(dirs: WebAssetDirs = defaultWebAssetDirs()): Middleware {
  const assets = assetCache(dirs);
  return async (ctx, next) => {
    const isPage = ctx.path === '/' || ctx.path.startsWith('/assets/');
    if (!isPage || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    const asset = (await assets()).get(ctx.path);
    if (!asset) {
      if (ctx.path !== '/') {
        await next();
        return;
      }
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = NOT_BUILT;
      return;
    }
    ctx.set(PAGE_HEADERS);
    ctx.status = 200;
    ctx.type = asset.contentType;
    ctx.etag = asset.etag;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = asset.body;
  };
}
