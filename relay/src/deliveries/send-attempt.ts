import { parseRetryAfter, type DeliveryAttempt } from '@fourthchat/shared';
import type { RelayDeps } from '../deps.js';
import type { ClaimedDelivery } from '../model/delivery.js';
import { succeeded, type AttemptOutcome } from '../model/delivery-transitions.js';
import type { SendOutcome } from '../transport/http-sender.js';
import { deliveryHeaders } from './delivery-headers.js';
import { loadTarget, SecretUnavailableError } from './signing-secrets.js';

type Deps = Pick<RelayDeps, 'store' | 'secrets' | 'clock' | 'send' | 'settings' | 'logger'>;

export interface SentAttempt {
  outcome: AttemptOutcome;
  /** The target was deleted: nothing was sent, and no target's figures count it. */
  targetGone: boolean;
}

/**
 * Makes the claimed attempt of `delivery`: reads its target (secrets and headers at send time,
 * so a rotation or a pause applies to retries too), signs the stored bytes and sends them.
 * Records nothing: what the outcome makes of the delivery is `afterAttempt`'s to say.
 */
export async function sendAttempt(
  deps: Deps,
  delivery: ClaimedDelivery,
  options: {
    /** The delivery in the relay's API, sent with every attempt (X-Webhook-Delivery-Url). */
    deliveryUrl: string;
    /** A probe of a paused target: sent all the same. */
    despitePause: boolean;
  },
): Promise<SentAttempt> {
  const { deliveryUrl, despitePause } = options;
  const { clock, settings } = deps;
  try {
    const target = await loadTarget(deps, delivery);
    if (!target) return unsendable(deps, 'the target was deleted', { targetGone: true });
    if (target.paused && delivery.kind !== 'test' && !despitePause) {
      return { outcome: { kind: 'paused', at: clock.now() }, targetGone: false };
    }
    const sent = await deps.send({
      url: delivery.targetUrl,
      headers: deliveryHeaders({
        target,
        delivery,
        retryScheduleMs: settings.retryScheduleMs,
        deliveryUrl,
        now: clock.now(),
      }),
      body: delivery.body,
      timeoutMs: settings.deliveryTimeoutMs,
    });
    const at = clock.now();
    if (target.paused && despitePause) {
      return { outcome: { kind: 'probed', attempt: attemptOf(sent, at), at }, targetGone: false };
    }
    const retryAfterMs = 'retryAfter' in sent ? parseRetryAfter(sent.retryAfter, at) : undefined;
    return {
      outcome: { kind: 'sent', attempt: attemptOf(sent, at), retryAfterMs, at },
      targetGone: false,
    };
  } catch (error) {
    if (!(error instanceof SecretUnavailableError)) throw error;
    deps.logger.error({ deliveryId: delivery.id }, error.message);
    return unsendable(deps, error.message, { targetGone: false });
  }
}

function unsendable(
  deps: Pick<RelayDeps, 'clock'>,
  error: string,
  { targetGone }: { targetGone: boolean },
): SentAttempt {
  const at = deps.clock.now();
  return {
    outcome: {
      kind: 'unsendable',
      attempt: attemptOf({ status: null, durationMs: 0, error }, at),
      at,
    },
    targetGone,
  };
}

/** The attempt as the delivery log shows it. */
function attemptOf(sent: SendOutcome, at: Date): DeliveryAttempt {
  const ok = succeeded(sent.status);
  return {
    at: at.toISOString(),
    status: sent.status,
    durationMs: sent.durationMs,
    ...(ok ? {} : { error: describeFailure(sent) }),
    ...('responseSnippet' in sent && sent.responseSnippet
      ? { responseSnippet: sent.responseSnippet }
      : {}),
  };
}

function describeFailure(outcome: SendOutcome): string {
  if (outcome.status === null) return outcome.error;
  if (outcome.status >= 300 && outcome.status < 400)
    return `HTTP ${String(outcome.status)} (redirects are not followed)`;
  return `HTTP ${String(outcome.status)}`;
}
