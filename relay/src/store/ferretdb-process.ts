import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface FerretDbOptions {
  /** Path of the binary built by scripts/ferretdb/ensure.mjs. */
  binary: string;
  /** Directory for the SQLite files. */
  dataDir: string;
  /** TCP address; the default picks a free loopback port. */
  listen?: string;
  startTimeoutMs?: number;
}

export interface FerretDbHandle {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the embedded FerretDB and resolves once it accepts connections. */
export function startFerretDb(options: FerretDbOptions): Promise<FerretDbHandle> {
  const args = ['-listen', options.listen ?? '127.0.0.1:0', '-data-dir', options.dataDir];
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 50) stderr.push(chunk.toString());
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`FerretDB did not start within ${String(options.startTimeoutMs ?? 15_000)} ms`),
      );
    }, options.startTimeoutMs ?? 15_000);
    const fail = (message: string) => {
      clearTimeout(timer);
      reject(new Error(`${message}${stderr.length ? `: ${stderr.join('').trim()}` : ''}`));
    };
    child.once('error', (error) => {
      fail(`cannot start FerretDB (${error.message})`);
    });
    child.once('exit', (code) => {
      fail(`FerretDB exited with code ${String(code)}`);
    });
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { uri } = JSON.parse(line) as { uri: string };
      resolve({ uri, process: child, stop: () => stopChild(child, 'SIGTERM', 5_000) });
    });
  });
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
