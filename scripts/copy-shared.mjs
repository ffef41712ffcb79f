#!/usr/bin/env node
// `npm run gen:shared` writes the copies of shared/src into the n8n and Zapier packages;
// `--check` writes nothing and exits 1 when a copy has drifted (for CI).
import { fileURLToPath } from 'node:url';
import { findDrift, TARGET_DIRS, writeCopies } from './shared-copies.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv.includes('--check')) {
  const drift = await findDrift(root);
  if (drift.length > 0) {
    console.error(
      `shared/ copies have drifted; run \`npm run gen:shared\`:\n  ${drift.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`shared/ copies are up to date (${TARGET_DIRS.join(', ')})`);
} else {
  const count = await writeCopies(root);
  console.log(`copied ${count} files from shared/src into ${TARGET_DIRS.join(', ')}`);
}
