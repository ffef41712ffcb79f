// Runs the built store as a child java process and tells when it is ready and when it ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureEmbeddedStore } from './build.js';
import { stopChild } from './stop-child.js';

export type EmbeddedStoreMode =
  /** Nothing survives the process: for tests. */
  | { memory: true }
  /** Every acknowledged write is committed to a file in this directory and synced first. */
  | { dataDir: string; compaction?: boolean };

export interface EmbeddedStoreOptions {
  mode: EmbeddedStoreMode;
  /** Loopback address and port; port 0 (the default) picks a free one. */
  listen?: { host?: string; port?: number };
  /** The environment the store runs in: the caller's (`java` is looked up on its PATH). */
  environment: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  /** Java classpath of the built store; by default this package's build (never built here). */
  classpath?: string;
}

/** How a store process ended: its exit code or signal, and the end of what it printed. */
export interface StoreExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether it was told to stop (stop() or kill()); otherwise it failed or was killed. */
  expected: boolean;
}

export interface EmbeddedStore {
  uri: string;
  /** What the store printed while it opened: after an unclean stop, what its checks found. */
  startupOutput: string;
  /** The port it listens on: a restart on the same port keeps every client's URI valid. */
  port: number;
  process: ChildProcess;
  /** Resolves once the process has ended, however it ended. */
  exited: Promise<StoreExit>;
  /** SIGTERM: the store commits what is left, closes its file and exits. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

const mainClass = 'chat.fourth.store.Main';
/** The exit status of a store that stopped itself after a failure it cannot go on from. */
export const STORE_FATAL_EXIT = 70;

// Chosen on 2 busy cores (README.md, "JVM flags"): the serial collector runs no GC threads
// beside the relay's; the file-backed store keeps documents in H2's pages, so its heap is
// bounded (in memory the documents are the heap, so tests get no bound); a store that ran out
// of memory exits rather than answering half-broken.
function jvmFlags(mode: EmbeddedStoreMode): string[] {
  const common = ['-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError'];
  return 'dataDir' in mode ? [...common, '-Xmx256m'] : common;
}

function storeArgs(options: EmbeddedStoreOptions): string[] {
  const { mode } = options;
  // Compaction on is the default, and said only when off: older builds know no such flag.
  const where =
    'dataDir' in mode
      ? ['--data-dir', mode.dataDir, ...(mode.compaction === false ? ['--compaction', 'off'] : [])]
      : ['--memory'];
  const host = options.listen?.host ?? '127.0.0.1';
  const port = String(options.listen?.port ?? 0);
  return [...where, '--host', host, '--port', port];
}

/** Starts the store and resolves once it accepts connections. */
export function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const classpath = options.classpath ?? ensureEmbeddedStore({ build: false });
  const args = [...jvmFlags(options.mode), '-cp', classpath, mainClass, ...storeArgs(options)];
  // stdin stays an open pipe: the store exits when it closes, so it never outlives us. Its
  // own process group keeps a terminal's Ctrl-C from stopping it before its owner has
  // finished with it; the owner stops it last.
  const child = spawn('java', args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    // glibc gives threads that allocate their own malloc arenas (up to 8 per core) and keeps
    // what the JVM frees in them: over 100,000 messages the store's RSS grew ~1 KB per
    // message that way, outside its heap; two arenas cut the growth 3-4x.
    env: { ...options.environment, MALLOC_ARENA_MAX: '2' },
  });
  let told = false;
  const exited = new Promise<StoreExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, expected: told }));
  });
  return announced(child, options.startTimeoutMs ?? 30_000).then(({ uri, port, output }) => ({
    uri,
    startupOutput: output,
    port,
    process: child,
    exited,
    stop: () => {
      told = true;
      return stopChild(child, 'SIGTERM', 10_000);
    },
    kill: () => {
      told = true;
      return stopChild(child, 'SIGKILL', 0);
    },
  }));
}

/** The store's first line, `{"uri": …}`; a store that says nothing in time is killed. */
function announced(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ uri: string; port: number; output: string }> {
  let stderr = '';
  const collect = (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString();
  };
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}${stderr ? `: ${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => {
      fail(`the embedded store did not start within ${String(timeoutMs)} ms`);
    }, timeoutMs);
    child.once('error', (error) => {
      fail(`cannot start java for the embedded store (${error.message}); Java 17+ is needed`);
    });
    const exitedEarly = (code: number | null) => {
      fail(`the embedded store exited with code ${String(code)}`);
    };
    child.once('exit', exitedEarly);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      const uri = uriFrom(line);
      if (!uri) {
        fail(`the embedded store printed ${JSON.stringify(line)} instead of its URI`);
        return;
      }
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      // What it said while opening (an index check after an unclean stop) and from here on
      // its complaints (a fatal failure, an out-of-memory exit) are the operator's to read.
      child.stderr?.off('data', collect);
      process.stderr.write(stderr);
      child.stderr?.pipe(process.stderr);
      resolve({ uri, port: Number(new URL(uri).port), output: stderr });
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
