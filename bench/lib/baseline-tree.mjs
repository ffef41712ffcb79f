// Sources of an earlier commit, for building what the bench compares with this build in one
// run: `git archive` into .cache/<cache>/<ref>/ and built there once; nothing of it is committed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './fixtures.mjs';

/** Runs one build step; its output goes to stderr, where the bench's progress goes. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 2, 2], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/**
 * The directory holding `paths` as of `ref`, with `build(dir)` run in it. The build runs once:
 * only while `product` (a path in the directory) is missing is the directory made anew, so a
 * build cut short is redone from clean sources rather than finished on half-written ones.
 */
export function baselineTree({ cache, ref, paths, product, build, what, log }) {
  const dir = join(repoRoot, '.cache', cache, ref);
  if (existsSync(join(dir, product))) return dir;
  log(`building ${what} of ${ref} for comparison`);
  const began = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', ref, ...paths], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`);
  run('tar', ['-x', '-C', dir], { stdio: ['pipe', 2, 2], input: archive.stdout });
  build(dir);
  log(`built ${what} of ${ref} in ${((performance.now() - began) / 1000).toFixed(0)} s`);
  return dir;
}
