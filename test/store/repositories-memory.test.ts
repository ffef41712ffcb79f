// The repository suite on the in-memory store: no Java, no driver.
import { createMemoryStore } from '../../relay/src/store/memory/memory-store.js';
import { repositorySuite } from './repositories.suite.js';

repositorySuite({
  name: 'memory',
  open: () => Promise.resolve(createMemoryStore()),
  close: (store) => store.close(),
});
