import { isNonEmptyString, isPlainObject } from '../payloads/json.js';

/** Every error code the relay answers with, and its HTTP status. */
export const API_ERROR_STATUS = {
  unauthorized: 401,
  not_found: 404,
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  idempotency_conflict: 409,
  connection_disabled: 409,
  /** The object changed under the request (a concurrent rotation, a delivery in flight). */
  conflict: 409,
  /** A recover selected deliveries of a paused target: resume it first. */
  target_paused: 409,
  reply_failed: 424,
  store_unavailable: 503,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/**
 * The error body of every non-2xx answer. `code` is typed as a plain string because clients must
 * cope with codes a newer relay may add; the relay itself produces {@link ApiErrorCode}s.
 */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** The offending request field, for validation_failed. */
    field?: string;
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (!isPlainObject(value) || !isPlainObject(value.error)) return false;
  const { code, message, field } = value.error;
  return (
    isNonEmptyString(code) &&
    typeof message === 'string' &&
    (field === undefined || typeof field === 'string')
  );
}
