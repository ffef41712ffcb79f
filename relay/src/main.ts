// The entry point: the only place that reads the environment or the process.
import { join, resolve } from 'node:path';
import { MongoBackend } from '@agendajs/mongo-backend';
import { startEmbeddedStore } from '@fourthchat/embedded-store';
import { createEchoResponder } from './ai/echo-responder.js';
import { createOpenAiResponder } from './ai/openai-responder.js';
import { createIdGenerator } from './ids/generated-ids.js';
import { startRelay } from './app/relay.js';
import { superviseStore, type SupervisedStore } from './app/store-supervisor.js';
import { loadOrCreateInstanceId, loadOrCreateSecretKey } from './app/data-dir.js';
import { welcomeText } from './app/welcome.js';
import { ConfigError, loadConfig, type RelayConfig } from './config/config.js';
import type { RelayDeps } from './deps.js';
import { bootstrapTenancy } from './workspaces/tenancy.js';
import type { Logger } from 'pino';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { createAgendaJobs } from './jobs/agenda-jobs.js';
import type { Jobs } from './jobs/jobs.js';
import { createHttpSender } from './transport/http-sender.js';
import { createSecretBox } from './security/secret-box.js';
import { SECRET_KEY_MISMATCH, secretKeyOpensStoredSecrets } from './security/secret-key-check.js';
import { systemResolver } from './security/url-guard.js';
import { openMongoStore, type MongoStore } from './store/mongo/mongo-store.js';
import { withStoreErrors } from './store/mongo/store-errors.js';

/** The embedded store in RELAY_DATA_DIR/store, restarted once if it fails (store-supervisor). */
function embeddedStore(config: RelayConfig, logger: Logger): Promise<SupervisedStore> {
  const dataDir = join(resolve(config.dataDir), 'store');
  return superviseStore({
    start: (port) =>
      startEmbeddedStore({ mode: { dataDir }, listen: { port }, environment: process.env }),
    logger,
    giveUp: () => process.exit(1),
  }).catch((error: unknown) => {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  });
}

/**
 * Agenda on the store's own database, in `agendaJobs`: nothing else writes that collection.
 * Its writes go through the same driver, so a lost store reads as the store's own error.
 */
function agendaOn(store: MongoStore, deps: RelayDeps): Jobs {
  const jobs = createAgendaJobs(
    deps,
    new MongoBackend({ mongo: store.database, collection: 'agendaJobs' }),
  );
  return { ...jobs, scheduler: withStoreErrors(jobs.scheduler) };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const embedded = config.mongodbUrl ? undefined : await embeddedStore(config, logger);
  const store = await openMongoStore(config.mongodbUrl ?? (embedded as SupervisedStore).uri);
  const clock = { now: () => new Date() };
  const ids = createIdGenerator();
  const secrets = createSecretBox(loadOrCreateSecretKey(config.secretKey, config.dataDir));
  if (!(await secretKeyOpensStoredSecrets(() => store.connections.anySealedSecret(), secrets))) {
    await store.close();
    await embedded?.stop();
    throw new ConfigError(SECRET_KEY_MISMATCH);
  }
  const { createdKey } = await bootstrapTenancy({ store, clock, ids }, config.bootstrapApiKeys);
  if (config.ai.provider === 'echo') {
    logger.warn(
      'AI_PROVIDER is echo: replies repeat the message (set OPENAI_API_KEY for real AI replies)',
    );
  }
  const deps: RelayDeps = {
    store,
    clock,
    ids,
    secrets,
    send: createHttpSender({ allowPrivate: config.allowPrivateUrls }),
    resolve: systemResolver,
    responder:
      config.ai.provider === 'openai'
        ? createOpenAiResponder({
            apiKey: config.ai.apiKey,
            baseUrl: config.ai.baseUrl,
            timeoutMs: config.ai.timeoutMs,
          })
        : createEchoResponder(),
    logger,
    metrics: createMetrics(),
    settings: {
      publicUrl: config.publicUrl,
      retryScheduleMs: config.retryScheduleMs,
      deliveryTimeoutMs: config.deliveryTimeoutMs,
      syncTimeoutMs: config.syncTimeoutMs,
      allowPrivateUrls: config.allowPrivateUrls,
      rateLimitPerMinute: config.rateLimitPerMinute,
      rotationOverlapMs: config.rotationOverlapMs,
      recoveryIntervalMs: config.recoveryIntervalMs,
      retentionDays: config.retentionDays,
      headersTimeoutMs: 10_000,
      conversationLeaseMs: 30_000,
      metricsToken: config.metricsToken,
      bodyLimitBytes: 256 * 1024,
      defaultModel: config.ai.model,
      instanceId: loadOrCreateInstanceId(config.dataDir, () => ids.next('relay')),
      disableAfter: config.disableAfter,
      subscriptionExpiryMs: config.subscriptionExpiryMs,
      recoverRatePerSecond: config.recoverRatePerSecond,
      probeIntervalMs: config.probeIntervalMs,
      healthFlushMs: 1_000,
    },
  };
  const relay = await startRelay(deps, {
    jobs: agendaOn(store, deps),
    listen: { port: config.port, host: config.host },
  });
  logger.info(
    { url: relay.url, store: embedded ? 'embedded store' : 'MONGODB_URL' },
    'relay started',
  );
  process.stdout.write(
    welcomeText({ url: relay.services.publicUrl(), createdKey, aiProvider: config.ai.provider }) +
      '\n',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await relay.close();
    await store.close();
    await embedded?.stop();
    process.exit(0);
  };
  // A stray rejection in background work must not take accepted messages down with the
  // process; the recovery sweep retries whatever it interrupted.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection');
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `FourthChat Relay failed to start: ${(error as Error | null | undefined)?.stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
