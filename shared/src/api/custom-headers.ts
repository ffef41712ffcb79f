// The rules for a connection's Custom Headers, shared by the relay (which enforces them) and
// its Connections page (which checks them as the person types). Self-contained on purpose:
// the page gets this file as a generated copy and has no other part of shared.

/** Set by the relay on every delivery; a custom header may not replace them. */
export const RESERVED_HEADERS: readonly string[] = [
  'x-webhook-signature',
  'x-webhook-timestamp',
  'x-webhook-id',
  'x-webhook-event',
  'x-webhook-attempt',
  'x-webhook-last-attempt',
  'x-webhook-delivery-url',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'content-type',
  'content-length',
  'user-agent',
  'host',
  'connection',
  'transfer-encoding',
];

export const MAX_CUSTOM_HEADERS = 50;
export const MAX_HEADER_VALUE_LENGTH = 2000;

/** An HTTP token (RFC 9110), as Node's HTTP client accepts it. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** What Node's HTTP client sends as it is: visible ASCII, spaces and tabs. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

export type CustomHeaderProblem = 'bad_name' | 'reserved' | 'bad_value' | 'too_long';

/** Why a custom header cannot be saved, or undefined when it can. */
export function customHeaderProblem(name: string, value: string): CustomHeaderProblem | undefined {
  if (!HEADER_NAME.test(name)) return 'bad_name';
  if (RESERVED_HEADERS.includes(name.toLowerCase())) return 'reserved';
  if (!HEADER_VALUE.test(value)) return 'bad_value';
  if (value.length > MAX_HEADER_VALUE_LENGTH) return 'too_long';
  return undefined;
}
