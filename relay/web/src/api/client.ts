/** A failed call, with the relay's stable error code and, for validation errors, the field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiClient {
  request<T>(method: Method, path: string, body?: unknown): Promise<T>;
}

export interface ApiClientOptions {
  fetch: typeof fetch;
  apiKey: string;
  /** Called before a 401 is thrown, so the page can ask for a key again. */
  onUnauthorized?: (error: ApiError) => void;
}

/** An error body as far as it is checked: its code and message are converted, not trusted. */
interface ErrorBody {
  error: { code: unknown; message: unknown; field?: string };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorFrom(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const { code, message, field } = body.error;
    return new ApiError(status, String(code), String(message), field);
  }
  return new ApiError(status, 'http_error', `The relay answered ${String(status)}`);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  return {
    async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await options.fetch(path, {
          method,
          headers: {
            authorization: `Bearer ${options.apiKey}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch {
        throw new ApiError(0, 'network_error', 'The relay could not be reached. Is it running?');
      }
      const parsed = await readBody(response);
      if (response.ok) return parsed as T;
      const error = errorFrom(response.status, parsed);
      if (response.status === 401) options.onUnauthorized?.(error);
      throw error;
    },
  };
}
