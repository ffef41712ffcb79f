// The embedded store: mongo-java-server behind the project's launcher (embedded-store/),
// run as a child java process. The relay uses it when MONGODB_URL is unset; tests use
// its in-memory mode.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type EmbeddedStoreMode =
  /** Nothing survives the process: for tests. */
  | { memory: true }
  /** Every acknowledged write is committed to a file in this directory first. */
  | { dataDir: string };

export interface EmbeddedStoreOptions {
  /** Java classpath of the built launcher (embedded-store/ensure.mjs returns it). */
  classpath: string;
  mode: EmbeddedStoreMode;
  /** Loopback address and port; port 0 (the default) picks a free one. */
  listen?: { host?: string; port?: number };
  /** The environment the store runs in: the caller's (`java` is looked up on its PATH). */
  environment: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

export interface EmbeddedStoreHandle {
  uri: string;
  process: ChildProcess;
  /** SIGTERM: the store commits what is left, closes its file and exits. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

const mainClass = 'chat.fourth.store.Main';

// Chosen on 2 busy cores (docs/ARCHITECTURE.md, "JVM flags"): the serial collector runs no
// GC threads beside the relay's. C1-only compilation (TieredStopAtLevel=1) starts 0.2-0.4 s
// sooner but made collection scans 1.5-2x slower, and this store scans for every query that
// is not by _id or a unique key, so the JIT keeps its default. The
// file-backed store keeps documents in H2's pages, not on the heap, so its heap is bounded;
// in memory the documents are the heap, so tests get no bound. A store that ran out of
// memory exits rather than answering half-broken.
function jvmFlags(mode: EmbeddedStoreMode): string[] {
  const common = ['-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError'];
  return 'dataDir' in mode ? [...common, '-Xmx256m'] : common;
}

function storeArgs(options: EmbeddedStoreOptions): string[] {
  const where = 'dataDir' in options.mode ? ['--data-dir', options.mode.dataDir] : ['--memory'];
  const host = options.listen?.host ?? '127.0.0.1';
  const port = String(options.listen?.port ?? 0);
  return [...where, '--host', host, '--port', port];
}

/** Starts the store and resolves once it accepts connections. */
export function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStoreHandle> {
  const args = [...jvmFlags(options.mode), '-cp', options.classpath, mainClass];
  // stdin stays an open pipe: the store exits when it closes, so it never outlives us.
  // Its own process group keeps a terminal's Ctrl-C from stopping it before the relay has
  // finished with it; the relay stops it last.
  const child = spawn('java', [...args, ...storeArgs(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    // glibc gives threads that allocate their own malloc arenas (up to 8 per core) and keeps
    // what the JVM frees in them: over 100,000 messages the store's RSS grew ~1 KB per
    // message that way, outside its heap; two arenas cut the growth 3-4x (docs/BENCHMARKS.md).
    env: { ...options.environment, MALLOC_ARENA_MAX: '2' },
  });
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  let stderr = '';
  const collect = (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString();
  };
  child.stderr.on('data', collect);

  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}${stderr ? `: ${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => {
      fail(`the embedded store did not start within ${String(startTimeoutMs)} ms`);
    }, startTimeoutMs);
    child.once('error', (error) => {
      fail(`cannot start java for the embedded store (${error.message}); Java 17+ is needed`);
    });
    const exitedEarly = (code: number | null) => {
      fail(`the embedded store exited with code ${String(code)}`);
    };
    child.once('exit', exitedEarly);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const uri = uriFrom(line);
      if (!uri) {
        fail(`the embedded store printed ${JSON.stringify(line)} instead of its URI`);
        return;
      }
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      // From here on its complaints (an out-of-memory exit, a failed commit) are the
      // operator's to read.
      child.stderr.off('data', collect);
      child.stderr.pipe(process.stderr);
      resolve({
        uri,
        process: child,
        stop: () => stopChild(child, 'SIGTERM', 10_000),
        kill: () => stopChild(child, 'SIGKILL', 0),
      });
    });
  });
}

function uriFrom(line: string): string | undefined {
  try {
    const { uri } = JSON.parse(line) as { uri?: unknown };
    return typeof uri === 'string' ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the signal and waits for the exit, killing the child if it takes longer than graceMs. */
export function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
