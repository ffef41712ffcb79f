// The store contract on the shared test store (MONGODB_URL: the in-memory embedded store, or a
// real MongoDB), and a SIGKILL of a file-backed store of the test's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { startStoreOnDir } from '../support/embedded-store.js';
import { openTestDatabase } from '../support/mongo.js';
import { scaledMs } from '../support/time-scale.js';
import { storeContract } from './contract.suite.js';

const timeoutMs = scaledMs(60_000);

storeContract('MONGODB_URL', async () => {
  const database = await openTestDatabase();
  const url = new URL(database.url);
  url.pathname = `/${database.db.databaseName}`;
  return { url: url.toString(), close: () => database.close() };
});

// Always on a store of the test's own: it has to be killed, whatever MONGODB_URL says.
test(
  'acknowledged inserts survive a SIGKILL of the store process',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-contract-'));
    const first = await startStoreOnDir(dataDir);
    const writers = await Promise.all(
      Array.from({ length: 4 }, () => MongoClient.connect(first.uri, { maxPoolSize: 64 })),
    );
    try {
      await Promise.all(
        writers.flatMap((client, writer) =>
          Array.from({ length: 500 }, (_, index) =>
            client
              .db('crash')
              .collection<{ _id: number }>('acknowledged')
              .insertOne({ _id: writer * 500 + index }),
          ),
        ),
      );
      await first.kill();
    } finally {
      await Promise.all(writers.map((client) => client.close(true)));
    }

    const second = await startStoreOnDir(dataDir);
    const reader = await MongoClient.connect(second.uri);
    try {
      const survivors = await reader.db('crash').collection('acknowledged').countDocuments({});
      expect(survivors).toBe(2_000);
    } finally {
      await reader.close();
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  timeoutMs,
);
