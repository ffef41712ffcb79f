// Starts one in-memory embedded store for the whole jest run unless MONGODB_URL points at
// a server already (for example a real MongoDB); workers inherit the URL through the
// environment.
import { ensureEmbeddedStore, startEmbeddedStore } from '../../embedded-store/dist/index.js';

export default async function globalSetup() {
  if (process.env.MONGODB_URL) return;
  const handle = await startEmbeddedStore({
    classpath: ensureEmbeddedStore(),
    mode: { memory: true },
    environment: process.env,
  });
  process.env.MONGODB_URL = handle.uri;
  globalThis.__EMBEDDED_STORE__ = handle;
}
