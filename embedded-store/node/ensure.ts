// `node embedded-store/dist/ensure.js`: builds the store if it is not built yet (scripts use it).
import { ensureEmbeddedStore } from './build.js';

try {
  ensureEmbeddedStore();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
