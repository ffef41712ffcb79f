// The Zapier CLI checks CI relies on, run as a user would: `npm run validate` and
// `npm run zapier:build` of zapier-app, on the Node 22 binary of its node22 dev dependency.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { scaledMs } from '../support/time-scale.js';

const run = promisify(execFile);
const appDir = join(__dirname, '..', '..', 'zapier-app');
const CLI_TIMEOUT_MS = scaledMs(300_000);

const zapierCli = (...args: string[]) =>
  run(process.execPath, ['scripts/zapier-cli.cjs', ...args], {
    cwd: appDir,
    timeout: CLI_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });

describe('zapier-platform CLI', () => {
  it(
    'validates the app without errors',
    async () => {
      const { stdout } = await zapierCli('validate', '--without-style');

      expect(stdout).toContain('No structural errors found');
      expect(stdout).toContain('This project is structurally sound!');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'builds a zip that holds the compiled app and the Zapier entry point',
    async () => {
      const startedAt = Date.now();

      const { stdout } = await zapierCli('build', '--skip-validation');

      expect(stdout).toContain('Build complete!');
      const zipPath = join(appDir, 'build', 'build.zip');
      expect((await stat(zipPath)).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
      // Entry names are stored as plain text in a zip's headers.
      const zip = (await readFile(zipPath)).toString('latin1');
      for (const entry of ['zapierwrapper.js', 'definition.json', 'dist/index.js', 'index.js']) {
        expect(zip).toContain(entry);
      }
    },
    CLI_TIMEOUT_MS,
  );
});
