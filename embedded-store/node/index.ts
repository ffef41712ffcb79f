// The embedded store's stable entry: ensure (build once), start, and a started store's stop.
export { ensureEmbeddedStore, type EnsureOptions, type Log } from './build.js';
export { stopChild } from './stop-child.js';
export {
  startEmbeddedStore,
  STORE_FATAL_EXIT,
  type EmbeddedStore,
  type EmbeddedStoreMode,
  type EmbeddedStoreOptions,
  type StoreExit,
} from './launch.js';
