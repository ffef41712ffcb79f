// A file-backed embedded store of a test's own, so the test can stop or kill it and start
// it again on the same data (the shared test store is in memory).
import { ensureEmbeddedStore } from '../../embedded-store/ensure.mjs';
import {
  startEmbeddedStore,
  type EmbeddedStoreHandle,
} from '../../relay/src/store/embedded-store.js';
import { scaledMs } from './time-scale.js';

export function startStoreOnDir(dataDir: string, port?: number): Promise<EmbeddedStoreHandle> {
  return startEmbeddedStore({
    classpath: ensureEmbeddedStore({ log: () => undefined }),
    mode: { dataDir },
    listen: { port },
    startTimeoutMs: scaledMs(30_000),
  });
}
