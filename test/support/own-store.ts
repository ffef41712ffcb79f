// An embedded store of a test's own, on a fixed loopback port and data dir, so the test
// can stop it (a store outage) and start it again, data included, where clients expect it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { EmbeddedStore } from '@fourthchat/embedded-store';
import { startStoreOnDir } from './embedded-store.js';

export interface OwnStore {
  /** mongodb:// URL; stays valid across stop() and start(). */
  uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port below Linux's ephemeral range (32768+): while this store is down for an outage,
 * no other test's `listen(0)` can be handed its port and take it over.
 */
async function portOutsideEphemeralRange(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (await isFree(port)) return port;
  }
}

export async function startOwnStore(): Promise<OwnStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-own-store-'));
  const port = await portOutsideEphemeralRange();
  let handle: EmbeddedStore | undefined = await startStoreOnDir(dataDir, port);
  const uri = handle.uri;
  const stop = async () => {
    await handle?.stop();
    handle = undefined;
  };
  return {
    uri,
    stop,
    async start() {
      handle ??= await startStoreOnDir(dataDir, port);
    },
    async remove() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
