import { generateSecret } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import { connectionView } from './views.js';
import { checkTargetUrl } from '../security/url-guard.js';
import type { ConnectionDoc, HeaderPair } from '../store/documents.js';

export function viewConnection(publicUrl: string, doc: ConnectionDoc) {
  return connectionView(doc, `${publicUrl}/api/webhooks/incoming`);
}

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
