// An embedded store of a test's own on a data directory, for tests that kill the store
// process and start it again on the same files.
import { startFerretDb } from '../../relay/src/store/ferretdb-process.js';

export interface DurableStore {
  uri: string;
  /** SIGKILL, as a crash: nothing gets a chance to flush. Resolves once the process is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

type EnsureFerretDb = (options?: { log?: (line: string) => void }) => string;

export async function startDurableStore(dataDir: string): Promise<DurableStore> {
  const script = new URL('../../scripts/ferretdb/ensure.mjs', import.meta.url).href;
  const { ensureFerretDb } = (await import(script)) as { ensureFerretDb: EnsureFerretDb };
  const handle = await startFerretDb({ binary: ensureFerretDb({ log: () => undefined }), dataDir });
  return {
    uri: handle.uri,
    stop: handle.stop,
    kill: () =>
      new Promise((resolve) => {
        if (handle.process.exitCode !== null || handle.process.signalCode !== null) resolve();
        handle.process.once('exit', () => resolve());
        handle.process.kill('SIGKILL');
      }),
  };
}
