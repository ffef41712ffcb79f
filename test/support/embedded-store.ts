// A file-backed embedded store of a test's own, so the test can stop or kill it and start
// it again on the same data (the shared test store is in memory).
import { spawnSync } from 'node:child_process';
import {
  ensureEmbeddedStore,
  startEmbeddedStore,
  type EmbeddedStore,
} from '@fourthchat/embedded-store';
import { scaledMs } from './time-scale.js';

export function startStoreOnDir(dataDir: string, port?: number): Promise<EmbeddedStore> {
  return startEmbeddedStore({
    classpath: ensureEmbeddedStore({ log: () => undefined }),
    mode: { dataDir },
    listen: { port },
    startTimeoutMs: scaledMs(30_000),
    environment: process.env,
  });
}

/**
 * How each collection of a stopped store's data directory keeps its documents, by map name
 * ("databases.DB.COLLECTION"): "bson-1", or "java-serialized" for one from before BSON.
 */
export function storeFormats(dataDir: string): Record<string, string> {
  const classpath = ensureEmbeddedStore({ log: () => undefined });
  const result = spawnSync('java', ['-cp', classpath, 'chat.fourth.store.ShowFormats', dataDir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`ShowFormats failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string>;
}
