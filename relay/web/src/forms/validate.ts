import {
  customHeaderProblem,
  MAX_CUSTOM_HEADERS,
  MAX_HEADER_VALUE_LENGTH,
  type CustomHeaderProblem,
} from '../shared/api/custom-headers.js';

// Checks the form gives before it calls the relay, worded for the person typing. The relay checks
// again and stays the authority: its 400s are shown at the same fields.

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const problem = <T>(message: string): Checked<T> => ({ ok: false, message });

export function checkRequired(raw: string, label: string): Checked<string> {
  const value = raw.trim();
  return value ? ok(value) : problem(`Enter a ${label}.`);
}

export function checkWebhookUrl(raw: string): Checked<string> {
  const value = raw.trim();
  if (!value) return problem('Enter the URL that should receive the AI replies.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem('Enter a full URL, such as https://example.com/webhook.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return problem('The URL must start with https:// or http://.');
  }
  if (url.username || url.password) {
    return problem('Leave user names and passwords out of the URL; use Custom Headers instead.');
  }
  return ok(value);
}

/** Empty means "generate one". */
export function checkSecret(raw: string): Checked<string | undefined> {
  const value = raw.trim();
  if (!value) return ok(undefined);
  if (value.length < 8) return problem('A secret needs at least 8 characters.');
  if (value.length > 200) return problem('A secret can have at most 200 characters.');
  if (value.startsWith('whsec_') && !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    return problem('A secret starting with whsec_ must be base64 after the prefix.');
  }
  return ok(value);
}

const HEADER_PROBLEMS: Record<CustomHeaderProblem, (name: string) => string> = {
  bad_name: (name) => `"${name}" is not a valid header name.`,
  reserved: (name) => `${name} is set by the relay on every delivery and cannot be changed.`,
  bad_value: (name) =>
    `The value of ${name} may hold visible ASCII characters, spaces and tabs only (no line breaks or characters such as €).`,
  too_long: (name) =>
    `The value of ${name} is longer than ${String(MAX_HEADER_VALUE_LENGTH)} characters.`,
};

function checkHeader(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return `The value of ${name} must be a string in quotes.`;
  const found = customHeaderProblem(name, value);
  return found ? HEADER_PROBLEMS[found](name) : undefined;
}

/** Custom Headers as typed: empty, or a JSON object of header names to string values. */
export function parseCustomHeaders(raw: string): Checked<Record<string, string>> {
  if (!raw.trim()) return ok({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return problem(`This is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return problem('Enter a JSON object, such as {"X-Custom-Header": "custom-value"}.');
  }
  const entries = Object.entries(parsed);
  if (entries.length > MAX_CUSTOM_HEADERS) {
    return problem(`At most ${String(MAX_CUSTOM_HEADERS)} custom headers.`);
  }
  for (const [name, value] of entries) {
    const message = checkHeader(name, value);
    if (message) return problem(message);
  }
  return ok(Object.fromEntries(entries) as Record<string, string>);
}

export function formatCustomHeaders(headers: Record<string, string>): string {
  return Object.keys(headers).length === 0 ? '' : JSON.stringify(headers, null, 2);
}

/** A datetime-local value (the browser's local time) as the ISO 8601 instant the relay takes. */
export function checkDateTime(raw: string, label: string): Checked<string> {
  if (!raw) return problem(`Enter the ${label} date and time.`);
  const date = new Date(raw);
  return Number.isNaN(date.getTime())
    ? problem(`Enter the ${label} as a date and time.`)
    : ok(date.toISOString());
}
