import type { Context } from 'koa';
import type { RelayDeps } from '../deps.js';
import { resolveApiKey } from '../workspaces/tenancy.js';
import { HttpError } from '../errors.js';
import { RateLimiter } from './rate-limiter.js';
import type { Principal } from './state.js';

const FAILED_AUTH_PER_MINUTE = 30;

/** Bearer API keys, a per-key request limit, and a per-address limit on bad keys. */
export function createAuthenticator(deps: Pick<RelayDeps, 'store' | 'clock' | 'ids' | 'settings'>) {
  const now = () => deps.clock.now().getTime();
  const perKey = new RateLimiter(deps.settings.rateLimitPerMinute, 60_000, now);
  const badKeys = new RateLimiter(FAILED_AUTH_PER_MINUTE, 60_000, now);

  return async function authenticate(ctx: Context): Promise<Principal> {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match?.[1] ? await resolveApiKey(deps, match[1]) : undefined;
    if (!principal) {
      const wait = badKeys.hit(ctx.ip);
      if (wait > 0) {
        throw new HttpError('rate_limited', 'Too many requests with a bad API key', {
          retryAfterSeconds: wait,
        });
      }
      throw new HttpError(
        'unauthorized',
        match ? 'The API key is not valid' : 'Send the API key as "Authorization: Bearer <key>"',
      );
    }
    const wait = perKey.hit(principal.apiKeyId);
    if (wait > 0) {
      throw new HttpError('rate_limited', 'Rate limit reached for this API key', {
        retryAfterSeconds: wait,
      });
    }
    return principal;
  };
}
