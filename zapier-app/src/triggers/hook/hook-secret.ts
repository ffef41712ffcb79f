import { createHmac } from 'node:crypto';

const PURPOSE = 'fourthchat-zapier-hook-secret-v1';

/**
 * The secret of the subscription of one Zap hook URL: the same on every subscribe of that URL,
 * so Zapier's resubscribe at `expiration_date` does not rotate it. A rotation there would refuse
 * the deliveries signed between the relay taking the new secret and Zapier storing it. Only a
 * holder of the API key (who could subscribe any URL anyway) can derive it.
 */
export function hookSecret(apiKey: string, targetUrl: string): string {
  const digest = createHmac('sha256', apiKey).update(`${PURPOSE}\n${targetUrl}`).digest('base64');
  return `whsec_${digest}`;
}
