// The parts that live for the whole benchmark: the AI stub and the bare Koa limit as
// child processes, the webhook receiver in this (the load) process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeServer } from './children.mjs';
import { track } from './cleanup.mjs';
import { startReceiver } from './receiver.mjs';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const servers = fileURLToPath(new URL('../servers/', import.meta.url));

/** `tsc -b relay` in `root` (this tree, or an earlier commit's) with this tree's TypeScript. */
export function buildRelay(root) {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', 'relay'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`tsc -b relay in ${root} failed (exit ${result.status})`);
}

/**
 * A module of this tree's built relay, by its path in relay/dist. tsc leaves the JavaScript of
 * deleted sources in dist, so an import the relay moved away from would load stale code on a
 * machine that built before the move and fail on a fresh clone; hence the check of the source.
 */
export function importRelayModule(path) {
  const source = join(repoRoot, 'relay', 'src', path.replace(/\.js$/, '.ts'));
  if (!existsSync(source))
    throw new Error(`the bench imports ${path}, but relay/src has no ${source}`);
  return import(join(repoRoot, 'relay', 'dist', path));
}

/** Builds what a fresh clone lacks: the relay's JavaScript and the embedded store; returns its classpath. */
export async function buildPrerequisites(log) {
  log('building the relay (tsc -b relay)');
  buildRelay(repoRoot);
  // Loaded once built: the store's package is TypeScript like the relay.
  const { ensureEmbeddedStore } = await import('@fourthchat/embedded-store');
  return ensureEmbeddedStore({ log });
}

export async function startFixtures() {
  const aiStub = await startNodeServer(join(servers, 'openai-stub.mjs'));
  const stopAiStub = track(aiStub.stop);
  const bareKoa = await startNodeServer(join(servers, 'bare-koa.mjs'));
  const stopBareKoa = track(bareKoa.stop);
  const receiver = await startReceiver();
  const stopReceiver = track(receiver.close);
  return {
    aiUrl: aiStub.url,
    aiStubPid: aiStub.child.pid,
    bareKoaUrl: bareKoa.url,
    bareKoaPid: bareKoa.child.pid,
    receiver,
    async stop() {
      await stopReceiver();
      await stopBareKoa();
      await stopAiStub();
    },
  };
}
