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

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const MAX_HEADERS = 50;
const MAX_VALUE_LENGTH = 2000;
// Set by the relay on every delivery; a custom header of the same name would be replaced.
const RESERVED = new Set([
  'x-webhook-signature',
  'x-webhook-timestamp',
  'x-webhook-id',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'content-type',
  'content-length',
  'user-agent',
  'host',
]);

function checkHeader(name: string, value: unknown): string | undefined {
  if (!HEADER_NAME.test(name)) return `"${name}" is not a valid header name.`;
  if (RESERVED.has(name.toLowerCase())) {
    return `${name} is set by the relay on every delivery and cannot be changed.`;
  }
  if (typeof value !== 'string') return `The value of ${name} must be a string in quotes.`;
  if (/[\r\n]/.test(value)) return `The value of ${name} cannot contain line breaks.`;
  if (value.length > MAX_VALUE_LENGTH) {
    return `The value of ${name} is longer than ${MAX_VALUE_LENGTH} characters.`;
  }
  return undefined;
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
  if (entries.length > MAX_HEADERS) return problem(`At most ${MAX_HEADERS} custom headers.`);
  for (const [name, value] of entries) {
    const message = checkHeader(name, value);
    if (message) return problem(message);
  }
  return ok(Object.fromEntries(entries) as Record<string, string>);
}

export function formatCustomHeaders(headers: Record<string, string>): string {
  return Object.keys(headers).length === 0 ? '' : JSON.stringify(headers, null, 2);
}
