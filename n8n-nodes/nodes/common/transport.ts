import type {
  IDataObject,
  IExecuteFunctions,
  IHookFunctions,
  IHttpRequestMethods,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isPlainObject } from '../../shared';
import { CREDENTIAL_TYPE, type FourthChatCredentials } from './credentials';
import { relayApiError } from './errors';

export type RelayContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface RelayRequest {
  method: IHttpRequestMethods;
  /** Below the credential's base URL, e.g. `/api/me`; ids in it must already be URL-encoded. */
  path: string;
  body?: IDataObject;
  qs?: IDataObject;
  headers?: IDataObject;
  timeoutMs?: number;
  /** Statuses outside 2xx that are an expected outcome rather than an error (e.g. 404 on delete). */
  acceptStatuses?: readonly number[];
  itemIndex?: number;
}

export interface RelayAnswer {
  statusCode: number;
  body: unknown;
}

interface FullResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
}

function isFullResponse(value: unknown): value is FullResponse {
  return (
    isPlainObject(value) &&
    typeof value.statusCode === 'number' &&
    (value.headers === undefined || typeof value.headers === 'object')
  );
}

function headerValue(
  headers: Record<string, unknown> | undefined,
  name: string,
): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * One call to the relay's API with the node's FourthChat credential. Statuses are checked here
 * rather than by n8n so that every error names the item and says what to do (401, 404, 429, …).
 */
export async function relayRequest(
  this: RelayContext,
  request: RelayRequest,
): Promise<RelayAnswer> {
  const { itemIndex } = request;
  const { baseUrl } = await this.getCredentials<FourthChatCredentials>(CREDENTIAL_TYPE, itemIndex);
  const options: IHttpRequestOptions = {
    method: request.method,
    baseURL: baseUrl,
    url: request.path,
    json: true,
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
  };
  if (request.body !== undefined) options.body = request.body;
  if (request.qs !== undefined) options.qs = request.qs;
  if (request.headers !== undefined) options.headers = request.headers;
  if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;

  let response: unknown;
  try {
    response = await this.helpers.httpRequestWithAuthentication.call(
      this,
      CREDENTIAL_TYPE,
      options,
    );
  } catch (error) {
    throw new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error), {
      message: `Could not reach the FourthChat relay at ${baseUrl}`,
      description:
        'Check the Base URL of the "FourthChat API" credential and that the relay is running.',
      itemIndex,
    });
  }
  if (!isFullResponse(response)) {
    throw new NodeOperationError(this.getNode(), 'The FourthChat relay sent an unreadable answer', {
      itemIndex,
    });
  }
  const { statusCode, body } = response;
  const accepted = request.acceptStatuses?.includes(statusCode) ?? false;
  if ((statusCode >= 200 && statusCode < 300) || accepted) return { statusCode, body };
  throw relayApiError(
    this.getNode(),
    { statusCode, body, retryAfter: headerValue(response.headers, 'retry-after') },
    itemIndex,
  );
}

/** `/api/…/<id>` with the id safely encoded. */
export function apiPath(...segments: readonly string[]): string {
  return `/api/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}
