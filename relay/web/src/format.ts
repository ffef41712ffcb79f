// How times, durations, HTTP outcomes and subscription origins read on the page.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${String(Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `HTTP 200`, or why there is no status. */
export function formatHttpStatus(status: number | null): string {
  return status === null ? 'no response' : `HTTP ${String(status)}`;
}

export type SubscriptionSource = 'Zapier' | 'n8n' | 'REST hook';

/**
 * Who made a subscription, told from its target: Zapier subscribes hooks.zapier.com URLs, and
 * n8n webhook URLs live under /webhook/ (or /webhook-test/ while a workflow is being built).
 */
export function subscriptionSource(targetUrl: string): SubscriptionSource {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return 'REST hook';
  }
  if (url.hostname === 'zapier.com' || url.hostname.endsWith('.zapier.com')) return 'Zapier';
  if (/^\/webhook(-test)?\//.test(url.pathname)) return 'n8n';
  return 'REST hook';
}
