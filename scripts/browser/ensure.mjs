// Finds a headless Chromium for the browser tests, installing one where this machine allows:
// CHROMIUM_PATH, else Debian's chromium (installed with apt-get when running as root), else the
// Chromium shipped inside the npm package @sparticuz/chromium (pinned in this folder's lockfile,
// unpacked into .cache/browser). Installer output goes to stderr, never to a caller's stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(here, '..', '..', '.cache');
const unpackDir = join(cacheDir, 'browser');
/** Where `npm test`'s preparation records what ensureBrowser found, for jest's config. */
export const BROWSER_CHOICE_FILE = join(cacheDir, 'test-browser.json');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** Fonts too, so screenshots show text. */
const DEBIAN_PACKAGES = ['chromium', 'fonts-liberation'];

export const MISSING_BROWSER =
  'The browser tests need Chromium: install it (`sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

const toStderr = { stdio: ['ignore', process.stderr, process.stderr] };

function succeeds(command, args, options = toStderr) {
  const result = spawnSync(command, args, options);
  return result.status === 0;
}

function aptInstall(log) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !succeeds('apt-get', ['--version'], { stdio: 'ignore' })) return false;
  log("installing Debian's chromium with apt-get (a minute or two, once)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return (
    succeeds('apt-get', ['update'], { ...toStderr, env }) &&
    // Without recommends: chromium recommends pull in systemd, samba and a printer stack.
    succeeds('apt-get', ['install', '-y', '--no-install-recommends', ...DEBIAN_PACKAGES], {
      ...toStderr,
      env,
    }) &&
    existsSync(DEBIAN_CHROMIUM)
  );
}

function registryChromium(log) {
  const packaged = join(unpackDir, 'chromium');
  if (existsSync(packaged)) return packaged;
  log('unpacking the Chromium of the npm package @sparticuz/chromium into .cache/browser');
  const installed =
    existsSync(join(here, 'node_modules', '@sparticuz', 'chromium')) ||
    succeeds('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund']);
  if (!installed) return undefined;
  mkdirSync(unpackDir, { recursive: true });
  // The package unpacks into os.tmpdir(); TMPDIR points that at the cache.
  const script =
    "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath())";
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: here,
    env: { ...process.env, TMPDIR: unpackDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', process.stderr],
  });
  return result.status === 0 && existsSync(result.stdout) ? result.stdout : undefined;
}

/** `{ path }` of a Chromium to launch, or `{ missing }`: one line saying what to install. */
export function ensureBrowser({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    return existsSync(given)
      ? { path: given }
      : { missing: `CHROMIUM_PATH=${given} does not exist. ${MISSING_BROWSER}` };
  }
  if (existsSync(DEBIAN_CHROMIUM) || aptInstall(log)) return { path: DEBIAN_CHROMIUM };
  const packaged = registryChromium(log);
  return packaged ? { path: packaged } : { missing: MISSING_BROWSER };
}

/** What the last preparation found; undefined before the first. */
export function recordedBrowser() {
  if (!existsSync(BROWSER_CHOICE_FILE)) return undefined;
  return JSON.parse(readFileSync(BROWSER_CHOICE_FILE, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = ensureBrowser();
  if (found.missing) {
    console.error(found.missing);
    process.exit(1);
  }
  process.stdout.write(`${found.path}\n`);
}
