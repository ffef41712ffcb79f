import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { FourthChatApi } from '../../../n8n-nodes/credentials/FourthChatApi.credentials';

export type CredentialData = Record<string, string>;

// n8n resolves `={{$credentials.x}}` expressions in a credential's `authenticate` and `test`;
// the credential uses nothing but such placeholders, so this is all the expression engine we need.
export function resolveCredentialExpression(template: string, credentials: CredentialData): string {
  if (!template.startsWith('=')) return template;
  return template
    .slice(1)
    .replace(
      /\{\{\s*\$credentials\.(\w+)\s*\}\}/g,
      (_match, key: string) => credentials[key] ?? '',
    );
}

function joinUrl(baseURL: string | undefined, url: string): URL {
  if (baseURL === undefined) return new URL(url);
  return new URL(`${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`);
}

function headersOf(source: IDataObject | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(source ?? {})) {
    if (value !== undefined && value !== null) headers.set(name, String(value));
  }
  return headers;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') && text !== '' ? JSON.parse(text) : text;
}

/**
 * What n8n's `helpers.httpRequest` does with the options our nodes use, done as a real HTTP request
 * (so nock, standing in for the relay, sees exactly what would go over the wire).
 */
export async function performHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
  const url = joinUrl(options.baseURL, options.url);
  for (const [name, value] of Object.entries(options.qs ?? {}))
    url.searchParams.set(name, String(value));
  const headers = headersOf(options.headers);
  if (options.json === true && !headers.has('accept')) headers.set('accept', 'application/json');
  const method = options.method ?? 'GET';
  let body: string | undefined;
  if (options.body !== undefined && method !== 'GET') {
    body = JSON.stringify(options.body);
    headers.set('content-type', 'application/json');
  }
  const response = await fetch(url, {
    method,
    headers,
    body,
    signal: options.timeout === undefined ? undefined : AbortSignal.timeout(options.timeout),
  });
  const data = await readBody(response);
  const ok = response.status >= 200 && response.status < 300;
  if (!ok && options.ignoreHttpStatusErrors !== true) {
    throw new Error(`Request failed with status code ${response.status}`);
  }
  if (options.returnFullResponse !== true) return data;
  return {
    body: data,
    headers: Object.fromEntries(response.headers),
    statusCode: response.status,
    statusMessage: response.statusText,
  };
}

/** `httpRequestWithAuthentication` for the FourthChat credential, applying its real `authenticate`. */
export async function performAuthenticatedRequest(
  credentials: CredentialData,
  options: IHttpRequestOptions,
): Promise<unknown> {
  const added = new FourthChatApi().authenticate.properties.headers ?? {};
  const headers: IDataObject = { ...options.headers };
  for (const [name, value] of Object.entries(added)) {
    headers[name] = resolveCredentialExpression(String(value), credentials);
  }
  return await performHttpRequest({ ...options, headers });
}
