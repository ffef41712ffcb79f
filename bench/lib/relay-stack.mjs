// One relay for one measured run, on a database of its own: every run starts from the same
// empty state, so runs can be compared and their median means something; how the relay
// fares as the store fills up is what the memory phase shows. The database lives either in
// a warm store (bench/lib/warm-store.mjs) or in a fresh store of the run's own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, LOOPBACK, startNodeProgram, stopChild } from './children.mjs';
import { track } from './cleanup.mjs';
import { repoRoot } from './fixtures.mjs';
import { warmUpRelay } from './warm-up.mjs';

/** What every run's store is, recorded with the figures. */
export const STORE_DESCRIPTION =
  'mongo-java-server 1.47.0 with its H2 file backend, committing before each acknowledgement';

/**
 * The embedded store as the relay runs it by default (file-backed, commit before each
 * acknowledgement) on a fresh temporary directory; `stop()` also deletes the directory.
 */
export async function startFreshStore(classpath, { compaction } = {}) {
  const { startEmbeddedStore } = await import('@fourthchat/embedded-store');
  const dataDir = mkdtempSync(join(tmpdir(), 'fourthchat-bench-'));
  const store = await startEmbeddedStore({
    classpath,
    mode: { dataDir: storeDir(dataDir), compaction },
    environment: process.env,
  });
  const stop = track(async () => {
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { uri: store.uri, pid: store.process.pid, dataDir, stop };
}

function storeDir(dataDir) {
  return join(dataDir, 'store');
}

/** The store's file (embedded-store's StoreFile.NAME): its size is the disk the data takes. */
function storeFile(dataDir) {
  return join(storeDir(dataDir), 'relay.mv.db');
}

export function databaseUrl(storeUri, database) {
  const url = new URL(storeUri);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The relay of this tree, as `buildPrerequisites` builds it. */
const THIS_RELAY = join(repoRoot, 'relay', 'dist', 'main.js');

async function startRelay({ store, aiUrl, profileDir, main }) {
  const port = await freePort();
  const apiKey = `fck_bench_${randomBytes(16).toString('hex')}`;
  const baseUrl = `http://${LOOPBACK}:${port}`;
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const relay = await startNodeProgram([...profiling, main], {
    readyUrl: `${baseUrl}/readyz`,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: LOOPBACK,
      MONGODB_URL: databaseUrl(store.uri, store.database ?? 'relay'),
      RELAY_DATA_DIR: join(store.dataDir, store.database ?? 'relay'),
      RELAY_BOOTSTRAP_API_KEY: apiKey,
      RELAY_SECRET_KEY: randomBytes(24).toString('base64url'),
      RELAY_ALLOW_PRIVATE_URLS: 'true',
      RELAY_RATE_LIMIT_PER_MINUTE: '1000000000',
      RELAY_RETRY_SCHEDULE: '1s,1s,1s',
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: `${aiUrl}/v1`,
      OPENAI_API_KEY: 'sk-bench-stub',
      LOG_LEVEL: 'warn',
    },
  });
  return { child: relay.child, baseUrl, apiKey };
}

async function api(relay, path, body) {
  const response = await fetch(`${relay.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A chatbot with two connections: one delivering to `/ok`, one whose receiver fails. */
async function createConnections(relay, receiver) {
  const chatbot = await api(relay, '/api/chatbots', {
    name: 'Benchmark bot',
    systemPrompt: 'You are a friendly support agent.',
  });
  const connect = (name, webhookUrl) =>
    api(relay, `/api/chatbots/${chatbot.id}/connections`, { name, webhookUrl });
  const healthy = await connect('Healthy receiver', receiver.okUrl);
  const failing = await connect('Failing receiver', receiver.failUrl);
  return { healthy: healthy.id, failing: failing.id };
}

/**
 * Starts store and relay, warms the relay up (`plan.relayWarmupSeconds`, see warmUpRelay),
 * runs `use(stack)`, and stops both. The relay gets `graceMs` to exit on SIGTERM: its
 * graceful stop drains the whole backlog, which an overloaded run would wait minutes for,
 * so measuring runs cut it short; profiling runs wait. `relayMain` is the relay's main.js (another
 * build's, to compare with).
 */
export async function withRelayStack(
  {
    classpath,
    compaction,
    relayMain = THIS_RELAY,
    fixtures,
    plan,
    now,
    warmStore,
    profileDir,
    graceMs = 300,
  },
  use,
) {
  const store = warmStore
    ? await warmStore.newDatabase()
    : await startFreshStore(classpath, { compaction });
  try {
    const relay = await startRelay({ store, aiUrl: fixtures.aiUrl, profileDir, main: relayMain });
    const stopRelay = track(() => stopChild(relay.child, graceMs));
    try {
      const connections = await createConnections(relay, fixtures.receiver);
      const stack = {
        baseUrl: relay.baseUrl,
        headers: { authorization: `Bearer ${relay.apiKey}` },
        connections,
        pids: { relay: relay.child.pid, store: store.pid, load: process.pid },
        storeFile: storeFile(store.dataDir),
      };
      await warmUpRelay({
        stack,
        receiver: fixtures.receiver,
        seconds: plan.relayWarmupSeconds,
        now,
      });
      return await use(stack);
    } finally {
      await stopRelay();
    }
  } finally {
    await store.stop();
  }
}
