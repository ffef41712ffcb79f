import { generateSecret } from '@fourthchat/shared';
import type { RelayServices } from '../app/services.js';
import { connectionView } from './views.js';
import { checkTargetUrl } from '../security/url-guard.js';
import type { ConnectionDoc, HeaderPair } from '../store/documents.js';

export function incomingWebhookUrl(services: RelayServices): string {
  return `${services.publicUrl()}/api/webhooks/incoming`;
}

export function viewConnection(services: RelayServices, doc: ConnectionDoc) {
  return connectionView(doc, incomingWebhookUrl(services));
}

export function headerPairs(headers: Record<string, string>): HeaderPair[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

export function checkWebhookUrl(services: RelayServices, url: string, field: string) {
  return checkTargetUrl(
    url,
    { allowPrivate: services.deps.settings.allowPrivateUrls, resolve: services.deps.resolve },
    field,
  );
}

export function sealNewSecret(services: RelayServices, given: string | undefined) {
  const secret = given ?? generateSecret();
  return { secret, sealed: services.deps.secrets.seal(secret) };
}
