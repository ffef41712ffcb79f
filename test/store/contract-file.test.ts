// The store contract on the embedded store the relay ships with: file-backed, group-committed
// and synced before each acknowledgement (the shared test store is in memory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStoreOnDir } from '../support/embedded-store.js';
import { storeContract } from './contract.suite.js';

storeContract('file-backed embedded store', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-contract-file-'));
  const store = await startStoreOnDir(dataDir);
  return {
    url: `${store.uri}/contract`,
    async close() {
      await store.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
