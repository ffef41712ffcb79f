// Prints (or returns) the path of a Node binary of the given major version, installing the
// runtimes package from the npm registry on first use. Usage: node scripts/node-runtimes/ensure.mjs 22
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function nodeBinary(major) {
  const binary = join(here, 'node_modules', `node${major}`, 'bin', 'node');
  if (!existsSync(binary)) {
    process.stderr.write(`Installing the Node ${major} runtime from the npm registry…\n`);
    // npm's stdout goes to our stderr: callers read our stdout as the binary's path.
    const result = spawnSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund'], {
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (result.status !== 0 || !existsSync(binary)) {
      throw new Error(`could not install the Node ${major} runtime (npm ci in ${here})`);
    }
  }
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${nodeBinary(process.argv[2] ?? '22')}\n`);
}
