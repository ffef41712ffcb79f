// Starts the built relay (relay/dist/main.js) as a child process, as users run it.
// Plain Node APIs only: the CommonJS test projects (Zapier, n8n) import this too.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from '../../embedded-store/node/stop-child.js';
import { scaledMs } from './time-scale.js';
import { waitFor } from './wait.js';

export interface RelayProcess {
  baseUrl: string;
  apiKey: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed, for assertions on logs. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startRelayProcess(
  options: {
    env?: Record<string, string>;
    apiKey?: string;
    port?: number;
    database?: string;
    /** A store other than the shared test store (a test's own, to stop and start). */
    mongoUrl?: string;
    /** No MONGODB_URL: the relay runs its own embedded store in this data directory. */
    embeddedStoreDataDir?: string;
  } = {},
): Promise<RelayProcess> {
  const apiKey = options.apiKey ?? `fck_test_${randomBytes(12).toString('hex')}`;
  const port = options.port ?? (await freePort());
  const database = options.database ?? `relay_${randomBytes(6).toString('hex')}`;
  const child = spawn(process.execPath, [join(process.cwd(), 'relay', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...storeEnv(options.embeddedStoreDataDir, options.mongoUrl, database),
      RELAY_BOOTSTRAP_API_KEY: apiKey,
      RELAY_ALLOW_PRIVATE_URLS: 'true',
      AI_PROVIDER: 'echo',
      RELAY_RETRY_SCHEDULE: '1s,1s,1s',
      RELAY_SECRET_KEY: 'test-secret-key-for-relay-processes',
      RELAY_RECOVERY_INTERVAL_MS: '1000',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(baseUrl, child, () => output);
  return {
    baseUrl,
    apiKey,
    port,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') => stopChild(child, signal, scaledMs(10_000)),
  };
}

/** Where the relay keeps its data: a database of a MongoDB-wire store, or its embedded store. */
function storeEnv(
  embeddedDataDir: string | undefined,
  mongoUrl: string | undefined,
  database: string,
) {
  if (embeddedDataDir !== undefined) return { RELAY_DATA_DIR: embeddedDataDir };
  const base = mongoUrl ?? process.env.MONGODB_URL;
  if (!base) throw new Error('MONGODB_URL is not set: run through `npm test`');
  const url = new URL(base);
  url.pathname = `/${database}`;
  // Per database: a restart on the same database is the same installation (same instance id).
  return { MONGODB_URL: url.toString(), RELAY_DATA_DIR: join(tmpdir(), `fourthchat-${database}`) };
}

async function waitUntilUp(baseUrl: string, child: ChildProcess, output: () => string) {
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`relay exited (${child.exitCode})`);
    return fetch(`${baseUrl}/readyz`).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false, // not listening yet
    );
  };
  await waitFor(ready, { timeoutMs: 30_000, intervalMs: 100, what: 'the relay to be ready' }).catch(
    (error: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${error instanceof Error ? error.message : String(error)}:\n${output()}`);
    },
  );
}
