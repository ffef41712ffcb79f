// A small JSON client for the relay's API, for in-process and child-process relays alike.

export interface ApiInit {
  method?: string;
  body?: unknown;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
  headers: Headers;
}

export type ApiCall = (path: string, init?: ApiInit) => Promise<ApiResponse>;

/** Sends JSON with `Authorization: Bearer <key>`; a body makes the default method POST. */
export function apiClient(baseUrl: string, apiKey: string): ApiCall {
  return async (path, init = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${init.apiKey ?? apiKey}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? safeJson(text) : undefined,
      headers: response.headers,
    };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
