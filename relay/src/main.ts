// The entry point: the only place that reads the environment or the process.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEchoResponder } from './ai/echo-responder.js';
import { createOpenAiResponder } from './ai/openai-responder.js';
import { createIdGenerator } from './app/ids.js';
import { startRelay } from './app/relay.js';
import { loadOrCreateInstanceId, loadOrCreateSecretKey } from './app/data-dir.js';
import { welcomeText } from './app/welcome.js';
import { ConfigError, loadConfig, type RelayConfig } from './config/config.js';
import { bootstrapTenancy } from './domain/tenancy.js';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { createHttpSender } from './transport/http-sender.js';
import { createSecretBox } from './security/secret-box.js';
import { SECRET_KEY_MISMATCH, secretKeyOpensStoredSecrets } from './security/secret-key-check.js';
import { systemResolver } from './security/url-guard.js';
import { startEmbeddedStore, type EmbeddedStoreHandle } from './store/embedded-store.js';
import { openStore } from './store/store.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function embeddedStore(config: RelayConfig): Promise<EmbeddedStoreHandle> {
  // Where embedded-store/ensure.mjs installs the launcher and its jars.
  const lib = join(repoRoot, '.cache', 'embedded-store', 'lib');
  if (!existsSync(join(lib, 'embedded-store.jar'))) {
    throw new ConfigError(
      `The embedded store is not built (${lib}). Run \`npm start\` from the repository root, or set MONGODB_URL.`,
    );
  }
  return startEmbeddedStore({
    classpath: join(lib, '*'),
    mode: { dataDir: join(resolve(config.dataDir), 'store') },
    environment: process.env,
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const embedded = config.mongodbUrl ? undefined : await embeddedStore(config);
  const store = await openStore(config.mongodbUrl ?? (embedded as EmbeddedStoreHandle).uri);
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
  const relay = await startRelay(
    {
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
        healthFlushMs: 1_000,
      },
    },
    { port: config.port, host: config.host },
  );
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
