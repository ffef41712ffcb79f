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
