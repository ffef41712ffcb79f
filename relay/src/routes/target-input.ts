import { generateSecret } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { HeaderPair } from '../model/connection.js';
import { checkTargetUrl } from '../security/url-guard.js';

export function headerPairs(headers: Record<string, string>): HeaderPair[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

export function checkWebhookUrl(
  deps: Pick<RelayDeps, 'settings' | 'resolve'>,
  url: string,
  field: string,
) {
  return checkTargetUrl(
    url,
    { allowPrivate: deps.settings.allowPrivateUrls, resolve: deps.resolve },
    field,
  );
}

export function sealNewSecret(deps: Pick<RelayDeps, 'secrets'>, given: string | undefined) {
  const secret = given ?? generateSecret();
  return { secret, sealed: deps.secrets.seal(secret) };
}
