// The relay as an earlier commit built it, for figures side by side with this build's in one
// run (#24: the engine redesign, before and after). It runs on this build's store like this
// build's relay does, so the comparison is of the relays alone.
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { baselineTree } from './baseline-tree.mjs';
import { buildRelay, repoRoot } from './fixtures.mjs';

/**
 * What `tsc -b relay` reads: the relay (with relay/web) and the projects it references, and the
 * configuration they extend.
 */
const PATHS = ['relay', 'shared', 'embedded-store', 'tsconfig.base.json'];

/**
 * The relay's packages are this tree's, through links: the lock file has not changed since the
 * commits compared, so the versions are the ones that commit ran with. relay/ has its own
 * node_modules (a zod other than the root's), hence the second link. At run time the baseline's
 * @fourthchat/shared and @fourthchat/embedded-store resolve through them to this tree's
 * packages; for 2995087 that is what it had (`git diff 2995087 -- shared embedded-store` is
 * empty). A baseline whose shared/ differs would need its own copies built and linked instead.
 */
function linkPackages(tree) {
  symlinkSync(join(repoRoot, 'node_modules'), join(tree, 'node_modules'), 'dir');
  const relayModules = join(repoRoot, 'relay', 'node_modules');
  if (existsSync(relayModules))
    symlinkSync(relayModules, join(tree, 'relay', 'node_modules'), 'dir');
}

/** Builds the relay of `ref` (a commit of this repository) once; answers its main.js. */
export function baselineRelayMain(ref, log) {
  const main = join('relay', 'dist', 'main.js');
  const dir = baselineTree({
    cache: 'bench-baseline-relay',
    ref,
    paths: PATHS,
    product: main,
    build: (tree) => {
      linkPackages(tree);
      buildRelay(tree);
    },
    what: 'the relay',
    log,
  });
  return join(dir, main);
}
