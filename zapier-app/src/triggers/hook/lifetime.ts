const DAY_SECONDS = 24 * 60 * 60;

/**
 * How often Zapier renews a subscription. Zapier resubscribes "after the expiration date" we
 * give it (docs.zapier.com/platform/build/cli-hook-trigger), which renews the expiry and resumes
 * the subscription if it was paused: a Zap whose hook failed for a while heals within this time.
 */
export const RENEW_AFTER_SECONDS = 7 * DAY_SECONDS;

/**
 * How long the relay keeps the subscription past the date Zapier is given, since Zapier
 * renews only after that date: a Zap that Zapier renews never loses its subscription, and one
 * Zapier fails to renew is removed (never silently: docs/CONTRACT.md) this much later.
 */
export const RENEWAL_GRACE_SECONDS = 3 * DAY_SECONDS;

/** The `ttlSeconds` of every subscription the app makes. */
export const SUBSCRIPTION_TTL_SECONDS = RENEW_AFTER_SECONDS + RENEWAL_GRACE_SECONDS;

/**
 * The `expiration_date` Zapier is given: the relay's expiry less the grace. Undefined when the
 * relay gave none (a relay from before expiring subscriptions; nothing to renew then).
 */
export function renewalDate(relayExpiry: string | undefined): string | undefined {
  if (relayExpiry === undefined) return undefined;
  const expiresAt = Date.parse(relayExpiry);
  if (Number.isNaN(expiresAt)) return undefined;
  return new Date(expiresAt - RENEWAL_GRACE_SECONDS * 1000).toISOString();
}
