// Runs the relay in this process so a test can inject the clock, the AI responder or the
// settings; HTTP stays real (loopback). By default on the memory store with the in-process
// jobs: no Java, no driver. mongo-relay-harness.ts runs the same relay on the real store.
import { pino } from 'pino';
import { createEchoResponder } from '../../relay/src/ai/echo-responder.js';
import type { Responder } from '../../relay/src/ai/responder.js';
import { startRelay, type RunningRelay } from '../../relay/src/app/relay.js';
import type { RelayDeps, RelaySettings } from '../../relay/src/deps.js';
import { createIdGenerator } from '../../relay/src/ids/generated-ids.js';
import { createInProcessJobs, type InProcessJobs } from '../../relay/src/jobs/in-process-jobs.js';
import type { Jobs } from '../../relay/src/jobs/jobs.js';
import { createMetrics } from '../../relay/src/observability/metrics.js';
import { createSecretBox } from '../../relay/src/security/secret-box.js';
import { systemResolver } from '../../relay/src/security/url-guard.js';
import { createMemoryStore } from '../../relay/src/store/memory/memory-store.js';
import type { Store } from '../../relay/src/store/store.js';
import { createHttpSender } from '../../relay/src/transport/http-sender.js';
import { createWorkspace } from '../../relay/src/workspaces/tenancy.js';
import { apiClient, type ApiCall } from './api-client.js';
import { testSettings } from './test-settings.js';

export interface TestRelay {
  url: string;
  apiKey: string;
  workspaceId: string;
  /** The relay's store, through its ports. */
  store: Store;
  relay: RunningRelay;
  /** Creates another workspace and returns its key. */
  newWorkspace(name?: string): Promise<string>;
  api: ApiCall;
  close(): Promise<void>;
}

/** A relay on the memory store: its jobs are the in-process runner's, to look at. */
export interface MemoryTestRelay extends TestRelay {
  jobs: InProcessJobs;
}

export interface TestRelayOptions {
  settings?: Partial<RelaySettings>;
  responder?: Responder;
  deps?: Partial<RelayDeps>;
}

/** The relay on the memory store and the in-process jobs. */
export function startTestRelay(options: TestRelayOptions = {}): Promise<MemoryTestRelay> {
  return startRelayOn(createMemoryStore(), (deps) => createInProcessJobs(deps), options);
}

/** The relay on `store`, its jobs made from its deps; closing it closes the store. */
export async function startRelayOn<S extends Store, J extends Jobs>(
  store: S,
  jobsFor: (deps: RelayDeps) => J,
  options: TestRelayOptions,
): Promise<TestRelay & { store: S; jobs: J }> {
  const ids = createIdGenerator();
  const settings = testSettings({ instanceId: ids.next('relay'), ...options.settings });
  const deps: RelayDeps = {
    store,
    clock: { now: () => new Date() },
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
  const listen = { port: 0, host: '127.0.0.1' };
  const jobs = jobsFor(deps);
  const relay = await startRelay(deps, { jobs, listen }).catch(async (error: unknown) => {
    // A relay that did not start is never closed by its test: its store client would keep
    // jest from exiting after the failure is reported.
    await store.close();
    throw error;
  });
  return {
    url: relay.url,
    apiKey,
    workspaceId,
    store,
    jobs,
    relay,
    api: apiClient(relay.url, apiKey),
    async newWorkspace(name = 'Other workspace') {
      return (await createWorkspace(deps, { name })).apiKey;
    },
    async close() {
      await relay.close();
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
