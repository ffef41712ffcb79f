// `npm run test:e2e:n8n`: real n8n against a real relay on the embedded store. Everything
// it needs is (re)built or installed first, then jest runs test/n8n-e2e; extra arguments
// go to jest.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureN8n } from './ensure-n8n.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(command, args, env = process.env) {
  console.log(`[n8n-e2e] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build']);
run(process.execPath, ['embedded-store/dist/ensure.js']);
const { node24, n8nBin } = ensureN8n();
run('npm', ['run', 'build', '-w', 'n8n-nodes']);
run(
  process.execPath,
  [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--config',
    'test/n8n-e2e/jest.config.js',
    ...process.argv.slice(2),
  ],
  { ...process.env, N8N_E2E_NODE: node24, N8N_E2E_N8N_BIN: n8nBin },
);
