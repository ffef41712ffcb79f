// `npm run check:n8n-package`: the static checks n8n runs before it lists a community package
// (@n8n/scan-community-package: its ESLint rules on the package's source and on the published
// tarball's JavaScript and package.json), run here on the source and on what `npm pack` would
// publish. Its other check, npm provenance, only exists once a version is published from CI
// (`n8n-node release`). The scanner is installed once into the cache, outside the work tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCANNER_VERSION = '0.32.0';
const root = fileURLToPath(new URL('..', import.meta.url));
const packageDir = join(root, 'n8n-nodes');
const cacheDir = join(homedir(), '.cache', 'fourthchat-relay', `n8n-scan-${SCANNER_VERSION}`);
const scanner = join(cacheDir, 'node_modules', '@n8n', 'scan-community-package', 'scanner');

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
  return result.stdout.toString();
}

if (!existsSync(scanner)) {
  mkdirSync(cacheDir, { recursive: true });
  const manifest = {
    private: true,
    dependencies: { '@n8n/scan-community-package': SCANNER_VERSION },
  };
  writeFileSync(join(cacheDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`installing @n8n/scan-community-package@${SCANNER_VERSION} into ${cacheDir}`);
  run(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    cacheDir,
  );
}

const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
  pathToFileURL(join(scanner, 'scanner.mjs')).href
);

const unpacked = mkdtempSync(join(tmpdir(), 'fourthchat-n8n-pack-'));
try {
  run('npm', ['run', 'build', '-w', 'n8n-nodes'], root);
  run('npm', ['pack', '-w', 'n8n-nodes', '--pack-destination', unpacked, '--loglevel=warn'], root);
  const tarball = readdirSync(unpacked).find((file) => file.endsWith('.tgz'));
  run('tar', ['-xzf', tarball, '--strip-components=1'], unpacked);
  const legs = [
    ['source (package.json, nodes/, credentials/)', packageDir, SOURCE_FILE_PATTERNS],
    ['published tarball (JavaScript, package.json)', unpacked, ['**/*.js', 'package.json']],
  ];
  let passed = true;
  for (const [name, dir, patterns] of legs) {
    const result = await analyzePackage(dir, patterns);
    console.log(
      `${result.passed ? 'passed' : 'FAILED'}: ${name}${result.message ? ` (${result.message})` : ''}`,
    );
    if (result.details) console.log(result.details);
    passed &&= result.passed;
  }
  process.exitCode = passed ? 0 : 1;
} finally {
  rmSync(unpacked, { recursive: true, force: true });
}
