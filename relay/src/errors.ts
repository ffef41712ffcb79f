import { API_ERROR_STATUS, type ApiErrorCode } from '@fourthchat/shared';

type RelayErrorCode =
  | ApiErrorCode
  | 'invalid_json'
  | 'method_not_allowed'
  | 'internal'
  /** A recover selected deliveries of a paused target: resume it first. */
  | 'target_paused';

const EXTRA_STATUS: Record<Exclude<RelayErrorCode, ApiErrorCode>, number> = {
  invalid_json: 400,
  method_not_allowed: 405,
  internal: 500,
  target_paused: 409,
};

/** An error a client may see: a stable code, its HTTP status and a safe message. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: RelayErrorCode,
    message: string,
    readonly options: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status =
      code in API_ERROR_STATUS
        ? API_ERROR_STATUS[code as ApiErrorCode]
        : EXTRA_STATUS[code as Exclude<RelayErrorCode, ApiErrorCode>];
  }
}

export const notFound = (what: string) => new HttpError('not_found', `${what} not found`);
