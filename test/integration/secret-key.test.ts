// A relay whose RELAY_SECRET_KEY does not open the stored webhook secrets refuses to start,
// saying what to do, instead of failing every delivery.
// Needs relay/dist (npx tsc -b relay).
import { randomBytes } from 'node:crypto';
import { afterAll, expect, test } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { apiClient } from '../support/api-client.js';
import { testMongoUrl } from '../support/mongo.js';
import { createConnection } from '../support/relay-harness.js';
import { startRelayProcess } from '../support/relay-process.js';
import { scaledMs } from '../support/time-scale.js';

const database = `relay_key_${randomBytes(6).toString('hex')}`;
afterAll(async () => {
  const mongo = await MongoClient.connect(testMongoUrl());
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

test(
  'a different RELAY_SECRET_KEY on a store with sealed secrets stops the start with a message',
  async () => {
    const first = await startRelayProcess({
      database,
      env: { RELAY_SECRET_KEY: 'the-original-secret-key-0123' },
    });
    await createConnection({ api: apiClient(first.baseUrl, first.apiKey) }, 'http://127.0.0.1:9/x');
    await first.stop();

    await expect(
      startRelayProcess({ database, env: { RELAY_SECRET_KEY: 'a-different-secret-key-4567' } }),
    ).rejects.toThrow(/RELAY_SECRET_KEY does not open the webhook secrets in the store/);

    const again = await startRelayProcess({
      database,
      env: { RELAY_SECRET_KEY: 'the-original-secret-key-0123' },
    });
    await again.stop();
  },
  scaledMs(60_000),
);
