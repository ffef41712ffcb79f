// `npm test` runs this before jest: everything the suite needs on a fresh clone of a fresh
// machine, one line per step with its duration. Each step is cached, so later runs take seconds.
// Arguments pick steps by key (`node scripts/test-prep.mjs store typescript`); none runs all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowser, BROWSER_CHOICE_FILE } from './browser/ensure.mjs';
import { nodeBinary } from './node-runtimes/ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EMBEDDED_STORE_ENSURE = join(root, 'embedded-store', 'dist', 'ensure.js');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

const log = (line) => console.log(`  ${line}`);

const steps = [
  [
    'browser',
    'Preparing the browser',
    () => {
      const found = ensureBrowser({ log });
      mkdirSync(dirname(BROWSER_CHOICE_FILE), { recursive: true });
      writeFileSync(BROWSER_CHOICE_FILE, `${JSON.stringify(found)}\n`);
      // No browser is not fatal here: the web project then fails with this one line.
      return found.path ?? `none. ${found.missing}`;
    },
  ],
  [
    'runtimes',
    'Node 22/24 runtimes (Zapier CLI, n8n)',
    () => [nodeBinary(22), nodeBinary(24)].map((binary) => relative(root, binary)).join(', '),
  ],
  [
    'typescript',
    'building TypeScript',
    () => {
      run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
      return 'built';
    },
  ],
  [
    'store',
    'embedded store',
    () => {
      if (process.env.MONGODB_URL) return 'MONGODB_URL is set: the tests use that server';
      run(process.execPath, [EMBEDDED_STORE_ENSURE]);
      return 'ready';
    },
  ],
];

const picked = process.argv.slice(2);
const unknown = picked.filter((key) => !steps.some(([known]) => known === key));
if (unknown.length > 0) {
  console.error(
    `unknown steps: ${unknown.join(', ')} (known: ${steps.map(([key]) => key).join(', ')})`,
  );
  process.exit(2);
}

for (const [key, name, step] of steps) {
  if (picked.length > 0 && !picked.includes(key)) continue;
  const started = Date.now();
  console.log(`${name}…`);
  try {
    const outcome = step();
    console.log(`${name}: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
