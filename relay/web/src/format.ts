// How times, durations, rates, HTTP outcomes and subscription origins read on the page.

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

/** `97.5 %`; `–` with no attempts to rate. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  // Rounded down: a target that failed at all must not read as 100 %.
  return `${String(Math.floor(rate * 1000 + 1e-9) / 10)} %`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local `YYYY-MM-DDTHH:mm` a datetime-local input shows, rounded down to the minute. */
export function localDateTimeValue(date: Date): string {
  const day = `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
