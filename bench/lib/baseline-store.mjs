// The embedded store as an earlier commit built it, for figures side by side with this build's
// in one run. Its sources come from git (git archive), are built once with Maven into .cache/,
// and run with the classpath that build made; nothing of it is committed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './fixtures.mjs';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 2, 2], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** Builds the store of `ref` (a commit of this repository) once; answers its classpath. */
export function baselineClasspath(ref, log) {
  const dir = join(repoRoot, '.cache', 'bench-baseline', ref);
  // Stores up to the package move built into <tree>/.cache/embedded-store/maven.
  const maven = join(dir, '.cache', 'embedded-store', 'maven');
  const jar = join(maven, 'embedded-store.jar');
  if (!existsSync(jar)) {
    log(`building the store of ${ref} for comparison (git archive, Maven)`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('git', ['archive', ref, 'embedded-store'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`);
    spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    run('mvn', ['-B', '-q', '-f', join(dir, 'embedded-store', 'pom.xml'), 'package']);
  }
  return `${jar}:${join(maven, 'lib', '*')}`;
}
