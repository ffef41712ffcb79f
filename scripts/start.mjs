// `npm start`: builds what the relay needs (the TypeScript incrementally, the embedded store
// once) and runs it in the foreground with the environment as given.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
if (!process.env.MONGODB_URL) run([join(root, 'embedded-store', 'dist', 'ensure.js')]);

const relay = spawn(process.execPath, [join(root, 'relay', 'dist', 'main.js')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
