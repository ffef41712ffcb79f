// `npm start`: builds what the relay needs (the embedded store once, the TypeScript
// incrementally) and runs it in the foreground with the environment as given.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEmbeddedStore } from '../embedded-store/ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!process.env.MONGODB_URL) {
  try {
    ensureEmbeddedStore();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
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
