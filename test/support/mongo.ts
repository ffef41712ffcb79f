import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export function testMongoUrl(): string {
  const url = process.env.MONGODB_URL;
  if (!url)
    throw new Error(
      'MONGODB_URL is not set: run tests through `npm test` (jest global setup starts the embedded store)',
    );
  return url;
}

/** A database of its own for one test file, dropped when closed. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = testMongoUrl();
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 10_000 });
  await client.db('admin').command({ ping: 1 });
  const db = client.db(`test_${randomBytes(6).toString('hex')}`);
  return {
    client,
    db,
    url,
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
