/** `bundle.rawRequest` as Zapier hands a hook request to the trigger's perform. */
export interface ZapierRawRequest {
  method: 'POST';
  querystring: string;
  headers: Record<string, string>;
  content: string;
}

const UNPREFIXED = new Set(['content-type', 'content-length']);

/**
 * Zapier renames hook headers CGI-style: Camel-Case, and `Http-` in front of every header except
 * Content-Type and Content-Length (`webhook-id` becomes `Http-Webhook-Id`).
 */
export function zapierHeaderName(name: string): string {
  const camel = name
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
  return UNPREFIXED.has(name.toLowerCase()) ? camel : `Http-${camel}`;
}

export function zapierRawRequest(
  content: string,
  headers: Readonly<Record<string, string>>,
): ZapierRawRequest {
  const renamed = Object.entries(headers).map(([name, value]) => [zapierHeaderName(name), value]);
  return { method: 'POST', querystring: '', headers: Object.fromEntries(renamed), content };
}

/** A request the relay made to a Zap hook or callback URL, as Zapier hands it to the app. */
export function handedOver(request: { body: string; headers: Readonly<Record<string, string>> }) {
  return zapierRawRequest(request.body, request.headers);
}
