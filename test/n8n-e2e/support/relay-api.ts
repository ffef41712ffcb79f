import { waitFor } from '../../support/wait.js';

/** A minimal client of the relay's management API, as a test user would script it. */
export interface RelayApi {
  request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  post<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
}

export function relayApi(baseUrl: string, apiKey: string): RelayApi {
  const request = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  const expectOk = async <T>(method: string, path: string, body?: unknown) => {
    const answer = await request<T>(method, path, body);
    if (answer.status >= 300) {
      throw new Error(
        `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  };
  return {
    request,
    post: (path, body) => expectOk('POST', path, body),
    get: (path) => expectOk('GET', path),
  };
}

/** Until publishing subscribed `targetUrl` on the relay for the trigger's events. */
export async function awaitSubscribed(
  api: RelayApi,
  connectionId: string,
  targetUrl: string,
  trigger: { name: string; event?: string; events?: string[] },
): Promise<void> {
  const events = (trigger.events ?? [trigger.event ?? 'ai.response']).join();
  await waitFor(
    async () => {
      const { data } = await api.get<{ data: { targetUrl: string; events?: string[] }[] }>(
        `/api/connections/${connectionId}/subscriptions`,
      );
      return data.some(
        (subscription) =>
          subscription.targetUrl === targetUrl &&
          (subscription.events ?? ['ai.response']).join() === events,
      );
    },
    { timeoutMs: 60_000, intervalMs: 250, what: `"${trigger.name}" to subscribe on the relay` },
  );
}
