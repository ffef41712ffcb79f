// The repository suite on an embedded store of this file's own, on a data directory: the store
// as the relay runs it by default (writes committed and synced to its file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { EmbeddedStore } from '@fourthchat/embedded-store';
import { openMongoStore, type MongoStore } from '../../relay/src/store/mongo/mongo-store.js';
import { startStoreOnDir } from '../support/embedded-store.js';
import { repositorySuite } from './repositories.suite.js';

const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-repositories-'));
let embedded: EmbeddedStore | undefined;

beforeAll(async () => {
  embedded = await startStoreOnDir(dataDir);
});
afterAll(async () => {
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

repositorySuite({
  name: 'a file-backed embedded store',
  open() {
    if (!embedded) throw new Error('the embedded store did not start');
    return openMongoStore(embedded.uri, { dbName: `repo_${randomBytes(6).toString('hex')}` });
  },
  async close(store) {
    await (store as MongoStore).database.dropDatabase();
    await store.close();
  },
});
