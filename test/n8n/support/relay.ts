import { startReceiver, type Receiver } from '../../support/receiver';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process';
import type { CredentialData } from './credentials-helper';

/** The relay's management API, as a test user scripts it. */
export interface RelayApi {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export interface TestRelay {
  process: RelayProcess;
  api: RelayApi;
  credentials: CredentialData;
  /** A connection whose webhook URL is `webhook` (a receiver answering 200). */
  connectionId: string;
  webhook: Receiver;
  stop(): Promise<void>;
}

function relayApi(baseUrl: string, apiKey: string): RelayApi {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  };
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await call(method, path, body);
    if (answer.status >= 300) {
      throw new Error(
        `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body as T;
  };
  return { call, get: (path) => ok('GET', path), post: (path, body) => ok('POST', path, body) };
}

/**
 * A real relay (the built relay/dist, on the test store, echo AI) with a chatbot and one
 * connection, as the nodes meet it in production. `env` adds relay settings (retry schedule,
 * pause rule, sync window).
 */
export async function startRelay(env: Record<string, string> = {}): Promise<TestRelay> {
  const webhook = await startReceiver();
  const process = await startRelayProcess({ env: { RELAY_RETRY_SCHEDULE: '200ms,200ms', ...env } });
  const api = relayApi(process.baseUrl, process.apiKey);
  const chatbot = await api.post<{ id: string }>('/api/chatbots', { name: 'n8n unit tests' });
  const connection = await api.post<{ id: string }>(`/api/chatbots/${chatbot.id}/connections`, {
    name: 'n8n unit tests',
    webhookUrl: webhook.url,
  });
  return {
    process,
    api,
    credentials: { baseUrl: process.baseUrl, apiKey: process.apiKey },
    connectionId: connection.id,
    webhook,
    stop: async () => {
      await process.stop();
      await webhook.close();
    },
  };
}
