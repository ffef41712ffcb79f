// Runs the relay in this process on a real database of its own (the test store), so a test
// can inject the clock, the AI responder or the settings; HTTP stays real (loopback).
import { randomBytes } from 'node:crypto';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import { pino } from 'pino';
import { createEchoResponder } from '../../relay/src/ai/echo-responder.js';
import type { Responder } from '../../relay/src/ai/responder.js';
import type { RelayDeps, RelaySettings } from '../../relay/src/deps.js';
import { createIdGenerator } from '../../relay/src/ids/generated-ids.js';
import { startRelay, type RunningRelay } from '../../relay/src/app/relay.js';
import { createWorkspace } from '../../relay/src/workspaces/tenancy.js';
import { createMetrics } from '../../relay/src/observability/metrics.js';
import { createAgendaJobs } from '../../relay/src/jobs/agenda-jobs.js';
import { createHttpSender } from '../../relay/src/transport/http-sender.js';
import { createSecretBox } from '../../relay/src/security/secret-box.js';
import { systemResolver } from '../../relay/src/security/url-guard.js';
import {
  openMongoStore,
  type MongoStore,
  type MongoStoreOptions,
} from '../../relay/src/store/mongo/mongo-store.js';
import { withStoreErrors } from '../../relay/src/store/mongo/store-errors.js';
import { apiClient, type ApiCall } from './api-client.js';
import { testMongoUrl } from './mongo.js';
import { scaledMs } from './time-scale.js';

export interface TestRelay {
  url: string;
  apiKey: string;
  workspaceId: string;
  store: MongoStore;
  /** The relay's database as documents, for assertions on what it stored. */
  db: Db;
  relay: RunningRelay;
  /** Creates another workspace and returns its key. */
  newWorkspace(name?: string): Promise<string>;
  api: ApiCall;
  close(): Promise<void>;
}

export async function startTestRelay(
  options: {
    settings?: Partial<RelaySettings>;
    responder?: Responder;
    deps?: Partial<RelayDeps>;
    /** 0 turns the store's short-lived caches off, for tests that change documents directly. */
    cacheTtlMs?: number;
    onCommand?: MongoStoreOptions['onCommand'];
  } = {},
): Promise<TestRelay> {
  const store = await openMongoStore(testMongoUrl(), {
    dbName: `relay_${randomBytes(6).toString('hex')}`,
    ...(options.cacheTtlMs === undefined ? {} : { cacheTtlMs: options.cacheTtlMs }),
    ...(options.onCommand ? { onCommand: options.onCommand } : {}),
  });
  const clock = { now: () => new Date() };
  const ids = createIdGenerator();
  const settings: RelaySettings = {
    publicUrl: undefined,
    retryScheduleMs: [30_000, 120_000, 600_000],
    // Loopback receivers answer in milliseconds, but a busy machine must not turn that into a
    // timeout. Not longer: Agenda leaves a timer of half its lock lifetime (delivery timeout
    // + 5 s) after each job, which holds the test process that long.
    deliveryTimeoutMs: scaledMs(2_000),
    syncTimeoutMs: scaledMs(10_000),
    allowPrivateUrls: true,
    rateLimitPerMinute: 10_000,
    rotationOverlapMs: 24 * 60 * 60 * 1000,
    recoveryIntervalMs: 10_000,
    bodyLimitBytes: 256 * 1024,
    defaultModel: 'gpt-test',
    retentionDays: 30,
    headersTimeoutMs: 10_000,
    conversationLeaseMs: 30_000,
    metricsToken: undefined,
    instanceId: ids.next('relay'),
    disableAfter: { ms: 5 * 24 * 60 * 60 * 1000, failures: 100 },
    subscriptionExpiryMs: 30 * 24 * 60 * 60 * 1000,
    recoverRatePerSecond: 10,
    healthFlushMs: 200,
    ...options.settings,
  };
  const deps: RelayDeps = {
    store,
    clock,
    ids,
    secrets: createSecretBox('test-secret-key-0123456789'),
    send: createHttpSender({ allowPrivate: settings.allowPrivateUrls }),
    resolve: systemResolver,
    responder: options.responder ?? createEchoResponder(),
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    settings,
    ...options.deps,
  };
  const { apiKey, workspaceId } = await createWorkspace(deps, { name: 'Test workspace' });
  // As main.ts does: Agenda on the store's database, its driver errors the store's.
  const agenda = createAgendaJobs(
    deps,
    new MongoBackend({ mongo: store.database, collection: 'agendaJobs' }),
  );
  const jobs = { ...agenda, scheduler: withStoreErrors(agenda.scheduler) };
  const relay = await startRelay(deps, { jobs, listen: { port: 0, host: '127.0.0.1' } }).catch(
    async (error: unknown) => {
      // A relay that did not start is never closed by its test: its store client would keep
      // jest from exiting after the failure is reported.
      await store.close();
      throw error;
    },
  );
  const api = apiClient(relay.url, apiKey);
  return {
    url: relay.url,
    apiKey,
    workspaceId,
    store,
    db: store.database,
    relay,
    api,
    async newWorkspace(name = 'Other workspace') {
      return (await createWorkspace(deps, { name })).apiKey;
    },
    async close() {
      await relay.close();
      await store.database.dropDatabase().catch(() => undefined);
      await store.close();
    },
  };
}

/** A chatbot and a Custom Webhook connection pointing at `webhookUrl`. */
export async function createConnection(
  relay: Pick<TestRelay, 'api'>,
  webhookUrl: string,
  extra: Record<string, unknown> = {},
): Promise<{ chatbotId: string; connectionId: string; secret: string }> {
  const bot = await relay.api('/api/chatbots', { body: { name: 'Bot', historyLimit: 10 } });
  const created = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
    body: { name: 'My Webhook', webhookUrl, ...extra },
  });
  if (created.status !== 201)
    throw new Error(`connection not created: ${JSON.stringify(created.body)}`);
  return { chatbotId: bot.body.id, connectionId: created.body.id, secret: created.body.secret };
}
