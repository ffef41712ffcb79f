import type { RelayDeps } from '../deps.js';

/**
 * Zapier's REST-hook URLs. Zapier documents that a DELETE to such a URL turns its Zap off
 * ("Powered by Zapier", Known limitations: "you can send a DELETE to the unique target URL
 * that was provided when the subscription was created and that will then pause/turn off a
 * Zap"), so a subscription the relay removes does not leave a Zap that looks on.
 */
export function isZapierHookUrl(url: string): boolean {
  try {
    return new URL(url).hostname === 'hooks.zapier.com';
  } catch {
    return false;
  }
}

/** Best effort, once: the removal is told anyway (event, log, page). */
export async function turnZapOff(
  deps: Pick<RelayDeps, 'send' | 'settings' | 'logger'>,
  subscription: { id: string; connectionId: string; targetUrl: string },
): Promise<void> {
  const outcome = await deps.send({
    method: 'DELETE',
    url: subscription.targetUrl,
    headers: { 'user-agent': 'FourthChat-Relay/0.1 (+webhooks)' },
    body: '',
    timeoutMs: deps.settings.deliveryTimeoutMs,
  });
  const context = { connectionId: subscription.connectionId, subscriptionId: subscription.id };
  if (outcome.status !== null && outcome.status < 300) {
    deps.logger.info({ ...context, status: outcome.status }, 'Zap turned off through its hook');
  } else {
    const reason = outcome.status === null ? outcome.error : `HTTP ${String(outcome.status)}`;
    deps.logger.warn({ ...context, reason }, 'Zap not turned off through its hook');
  }
}
