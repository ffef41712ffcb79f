// The embedded store as an earlier commit built it, for figures side by side with this build's
// in one run: its sources built once with Maven, run with the classpath that build made.
import { join } from 'node:path';
import { baselineTree, run } from './baseline-tree.mjs';

// Stores up to the package move built into <tree>/.cache/embedded-store/maven.
const MAVEN = join('.cache', 'embedded-store', 'maven');

/** Builds the store of `ref` (a commit of this repository) once; answers its classpath. */
export function baselineClasspath(ref, log) {
  const dir = baselineTree({
    cache: 'bench-baseline',
    ref,
    paths: ['embedded-store'],
    product: join(MAVEN, 'embedded-store.jar'),
    build: (tree) =>
      run('mvn', ['-B', '-q', '-f', join(tree, 'embedded-store', 'pom.xml'), 'package']),
    what: 'the store',
    log,
  });
  return `${join(dir, MAVEN, 'embedded-store.jar')}:${join(dir, MAVEN, 'lib', '*')}`;
}
