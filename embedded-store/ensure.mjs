// Builds the embedded store (mongo-java-server behind chat.fourth.store.Main) with Maven
// once, and again only when pom.xml or the Java sources change. Usable as a script
// (`node embedded-store/ensure.mjs`) and as a module.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceDir = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(sourceDir, '..', '.cache', 'embedded-store');
// pom.xml builds here (<directory>); lib/ is what runs, replaced whole after a good build.
const mavenDir = join(cacheDir, 'maven');
const libDir = join(cacheDir, 'lib');
const stampFile = join(cacheDir, 'source.sha256');

/** The java classpath of the built store: every jar in its lib directory. */
export const embeddedStoreClasspath = join(libDir, '*');
/** The class to run with that classpath. */
export const embeddedStoreMainClass = 'chat.fourth.store.Main';

const alternative = 'or set MONGODB_URL to use a MongoDB server instead';

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function sourceHash() {
  const hash = createHash('sha256');
  const files = [join(sourceDir, 'pom.xml'), ...filesUnder(join(sourceDir, 'src'))].sort();
  // Names too: a renamed class changes the build even when no byte does.
  for (const file of files)
    hash.update(`${relative(sourceDir, file)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

/** Java 8 and older say "1.8.0_x"; newer ones say "17.0.15". */
function javaMajorVersion() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `The embedded store needs Java 17 or newer and \`java\` is not on PATH: install a JDK 17+ (Debian/Ubuntu: apt install openjdk-17-jdk-headless), ${alternative}.`,
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match)
    throw new Error(`Cannot tell the Java version from \`java -version\`: ${result.stderr}`);
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

function requireJava() {
  const major = javaMajorVersion();
  if (major < 17) {
    throw new Error(
      `The embedded store needs Java 17 or newer; \`java\` on PATH is Java ${major}: install a JDK 17+ (Debian/Ubuntu: apt install openjdk-17-jdk-headless), ${alternative}.`,
    );
  }
}

function requireMaven() {
  if (spawnSync('mvn', ['--version'], { stdio: 'ignore' }).error) {
    throw new Error(
      `Building the embedded store needs Maven and \`mvn\` is not on PATH: install Maven 3.8+ (Debian/Ubuntu: apt install maven), ${alternative}.`,
    );
  }
}

function build(log) {
  log('Embedded store: building it with Maven (first run or changed source; 10–60 s)…');
  // A clean build: copy-dependencies never removes a jar the pom no longer names.
  rmSync(mavenDir, { recursive: true, force: true });
  // Maven's output is the progress display; on stderr, so stdout stays the caller's.
  const result = spawnSync('mvn', ['-B', '-f', join(sourceDir, 'pom.xml'), 'package'], {
    stdio: ['ignore', 2, 2],
  });
  if (result.error) throw new Error(`cannot run mvn: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`Maven could not build the embedded store (exit ${result.status}); see above.`);
  }
}

function install() {
  const partial = `${libDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  copyFileSync(join(mavenDir, 'embedded-store.jar'), join(partial, 'embedded-store.jar'));
  for (const jar of readdirSync(join(mavenDir, 'lib'))) {
    copyFileSync(join(mavenDir, 'lib', jar), join(partial, jar));
  }
  rmSync(libDir, { recursive: true, force: true });
  renameSync(partial, libDir);
}

/** Checks Java, builds if needed, and returns the classpath to run the store with. */
export function ensureEmbeddedStore({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  requireJava();
  const wanted = sourceHash();
  const built = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted;
  if (built && existsSync(join(libDir, 'embedded-store.jar'))) return embeddedStoreClasspath;
  requireMaven();
  build(log);
  install();
  writeFileSync(stampFile, wanted);
  log(`Embedded store ready: ${relative(process.cwd(), libDir) || libDir}`);
  return embeddedStoreClasspath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureEmbeddedStore();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
