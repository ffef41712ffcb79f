import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { openTestDatabase, type TestDatabase } from '../support/mongo.js';

let store: TestDatabase;
beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(() => store.close());

test('a document written through the official driver reads back unchanged', async () => {
  const things = store.db.collection<{ _id: string; name: string; tags: string[]; at: Date }>(
    'things',
  );
  const at = new Date('2024-01-15T10:30:00Z');
  await things.insertOne({ _id: 'thing_1', name: 'first', tags: ['a', 'b'], at });

  expect(await things.findOne({ _id: 'thing_1' })).toEqual({
    _id: 'thing_1',
    name: 'first',
    tags: ['a', 'b'],
    at,
  });
});

test('a unique index refuses a second document with the same key', async () => {
  const keyed = store.db.collection<{ key: string }>('keyed');
  await keyed.createIndex({ key: 1 }, { unique: true });
  await keyed.insertOne({ key: 'k' });
  await expect(keyed.insertOne({ key: 'k' })).rejects.toMatchObject({ code: 11000 });
});
