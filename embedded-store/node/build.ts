// Builds the store (mongo-java-server behind chat.fourth.store.Main) with Maven once, and again
// only when pom.xml or the Java sources change. The build lives in this package (build/), so the
// package finds it wherever it is installed.
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
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own folder (this file runs from dist/). */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));
const buildDir = join(packageDir, 'build');
// pom.xml builds here (<directory>); lib/ is what runs, replaced whole after a good build.
const mavenDir = join(buildDir, 'maven');
const libDir = join(buildDir, 'lib');
const stampFile = join(buildDir, 'source.sha256');

export type Log = (line: string) => void;

const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);
const alternative = 'or set MONGODB_URL to use a MongoDB server instead';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const sources = join(packageDir, 'src', 'main');
  const files = [join(packageDir, 'pom.xml'), ...filesUnder(sources)].sort();
  // Names too: a renamed class changes the build even when no byte does.
  for (const file of files) {
    hash.update(`${relative(packageDir, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Java 8 and older say "1.8.0_x"; newer ones say "17.0.15". */
function javaMajorVersion(): number {
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

function requireJava(): void {
  const major = javaMajorVersion();
  if (major < 17) {
    throw new Error(
      `The embedded store needs Java 17 or newer; \`java\` on PATH is Java ${String(major)}: install a JDK 17+ (Debian/Ubuntu: apt install openjdk-17-jdk-headless), ${alternative}.`,
    );
  }
}

/** Runs Maven on the package's pom with its output on stderr; throws when it fails. */
export function maven(args: string[], what: string): void {
  if (spawnSync('mvn', ['--version'], { stdio: 'ignore' }).error) {
    throw new Error(
      `${what} needs Maven and \`mvn\` is not on PATH: install Maven 3.8+ (Debian/Ubuntu: apt install maven), ${alternative}.`,
    );
  }
  // Maven's output is the progress display; on stderr, so stdout stays the caller's.
  const result = spawnSync('mvn', ['-B', '-f', join(packageDir, 'pom.xml'), ...args], {
    stdio: ['ignore', 2, 2],
  });
  if (result.error) throw new Error(`cannot run mvn: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`Maven: ${what} failed (exit ${String(result.status)}); see above.`);
  }
}

function install(): void {
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

export interface EnsureOptions {
  log?: Log;
  /** false: only check; a missing or stale build is an error saying how to build it. */
  build?: boolean;
}

/** Checks Java, builds if needed (and allowed), and returns the classpath to run the store. */
export function ensureEmbeddedStore({ log = stderrLog, build = true }: EnsureOptions = {}): string {
  requireJava();
  const classpath = join(libDir, '*');
  const wanted = sourceHash();
  const built = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted;
  if (built && existsSync(join(libDir, 'embedded-store.jar'))) return classpath;
  if (!build) {
    throw new Error(
      `The embedded store is not built, or its sources changed since (${libDir}). Run \`npm start\` from the repository root, or set MONGODB_URL.`,
    );
  }
  log('Embedded store: building it with Maven (first run or changed source; 10–60 s)…');
  // A clean build: copy-dependencies never removes a jar the pom no longer names. The Java
  // tests run in `npm test` (scripts/store-java-tests.mjs), not on every start.
  rmSync(mavenDir, { recursive: true, force: true });
  maven(['-DskipTests', 'package'], 'building the embedded store');
  install();
  writeFileSync(stampFile, wanted);
  log(`Embedded store ready: ${relative(process.cwd(), libDir) || libDir}`);
  return classpath;
}
