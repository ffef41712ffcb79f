// `npm start`: builds what the relay needs (the embedded FerretDB once, the TypeScript
// incrementally) and runs it in the foreground with the environment as given.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFerretDb } from './ferretdb/ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!process.env.MONGODB_URL) ensureFerretDb();
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const relay = spawn(process.execPath, [join(root, 'relay', 'dist', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
