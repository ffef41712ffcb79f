import type { IncomingHeaders } from './headers.js';

// Zapier hands hook requests over as `Http-X-Webhook-Signature` (CGI heritage); some gateways still
// use the raw CGI form `HTTP_X_WEBHOOK_SIGNATURE`. Both name the same header.
const CGI_PREFIX = 'http-';

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

function firstValue(value: string | readonly string[] | undefined): string | undefined {
  const first = typeof value === 'string' ? value : value?.[0];
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/**
 * Finds a header whatever its case, also under its `Http-` prefixed name. A header sent under its
 * plain name wins over the prefixed one. Repeated headers yield their first value; empty values
 * count as absent.
 */
export function getHeader(headers: IncomingHeaders, name: string): string | undefined {
  const wanted = normalizeName(name);
  let prefixed: string | undefined;
  for (const [key, value] of Object.entries(headers)) {
    const normalized = normalizeName(key);
    if (normalized === wanted) {
      const found = firstValue(value);
      if (found !== undefined) return found;
    } else if (prefixed === undefined && normalized === CGI_PREFIX + wanted) {
      prefixed = firstValue(value);
    }
  }
  return prefixed;
}
