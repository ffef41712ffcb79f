// The repository suite on MONGODB_URL: the shared test store of `npm test` (the embedded store
// in memory), or a real MongoDB when the variable names one. Each store is a database of its own.
import { randomBytes } from 'node:crypto';
import { openMongoStore, type MongoStore } from '../../relay/src/store/mongo/mongo-store.js';
import { testMongoUrl } from '../support/mongo.js';
import { repositorySuite } from './repositories.suite.js';

repositorySuite({
  name: 'MONGODB_URL',
  open: () => openMongoStore(testMongoUrl(), { dbName: `repo_${randomBytes(6).toString('hex')}` }),
  async close(store) {
    await (store as MongoStore).database.dropDatabase();
    await store.close();
  },
});
