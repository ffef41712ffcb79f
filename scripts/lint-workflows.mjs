// CI's check of the GitHub Actions workflow files (.github/workflows): actionlint, installed
// once with `go install` from the Go module proxy into the cache outside the work tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTIONLINT_VERSION = 'v1.7.12';
const root = fileURLToPath(new URL('..', import.meta.url));
const binDir = join(homedir(), '.cache', 'fourthchat-relay', `actionlint-${ACTIONLINT_VERSION}`);
const actionlint = join(binDir, 'actionlint');

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (!existsSync(actionlint)) {
  mkdirSync(binDir, { recursive: true });
  console.log(`installing actionlint ${ACTIONLINT_VERSION} into ${binDir}`);
  const status = run(
    'go',
    ['install', `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`],
    { ...process.env, GOBIN: binDir },
  );
  if (status !== 0) process.exit(status);
}

const status = run(actionlint, ['-color=false']);
if (status === 0) console.log('actionlint: workflow files are valid');
process.exit(status);
