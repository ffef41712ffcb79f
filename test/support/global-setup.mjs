// Starts one FerretDB for the whole jest run unless MONGODB_URL points at a server
// already (for example a real MongoDB); workers inherit the URL through the environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFerretDb } from '../../scripts/ferretdb/ensure.mjs';
import { startFerretDb } from '../../relay/dist/store/ferretdb-process.js';

export default async function globalSetup() {
  if (process.env.MONGODB_URL) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-test-store-'));
  const handle = await startFerretDb({ binary: ensureFerretDb(), dataDir });
  process.env.MONGODB_URL = handle.uri;
  globalThis.__FERRETDB__ = { handle, dataDir };
}
