import { isIsoTimestamp, isNonEmptyString, isPlainObject } from './json.js';

/** What the connection's "Test" sends (the spec's "Testing Your Webhook"); never an AI reply. */
export interface TestPayload {
  test: true;
  message: string;
  /** ISO 8601. */
  timestamp: string;
  connectionId: string;
  connectionName: string;
}

export function isTestPayload(value: unknown): value is TestPayload {
  return (
    isPlainObject(value) &&
    value.test === true &&
    typeof value.message === 'string' &&
    isIsoTimestamp(value.timestamp) &&
    isNonEmptyString(value.connectionId) &&
    isNonEmptyString(value.connectionName)
  );
}
