// Builds the embedded FerretDB server once and reuses it until its Go source changes.
// Usable as a script (`node scripts/ferretdb/ensure.mjs`) and as a module.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(sourceDir, '..', '..');
const cacheDir = join(repoRoot, '.cache', 'ferretdb');
export const ferretDbBinary = join(cacheDir, 'ferretdb-embedded');
const stampFile = join(cacheDir, 'source.sha256');

function sourceHash() {
  const hash = createHash('sha256');
  for (const name of ['main.go', 'go.mod', 'go.sum'])
    hash.update(readFileSync(join(sourceDir, name)));
  return hash.digest('hex');
}

export function ensureFerretDb({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const wanted = sourceHash();
  if (
    existsSync(ferretDbBinary) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === wanted
  ) {
    return ferretDbBinary;
  }
  mkdirSync(cacheDir, { recursive: true });
  log('Building the embedded FerretDB 1.24.2 server (first run only, about 1–3 minutes)…');
  const partial = `${ferretDbBinary}.partial`;
  // -v prints each package as it compiles: that is the progress display.
  const result = spawnSync(
    'go',
    ['build', '-v', '-trimpath', '-tags', 'ferretdb_no_postgresql', '-o', partial, '.'],
    {
      cwd: sourceDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CGO_ENABLED: '0' },
    },
  );
  if (result.error) throw new Error(`cannot run go: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`go build of the embedded FerretDB failed (exit ${result.status})`);
  renameSync(partial, ferretDbBinary);
  writeFileSync(stampFile, wanted);
  log(`Embedded FerretDB ready: ${ferretDbBinary}`);
  return ferretDbBinary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureFerretDb();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
