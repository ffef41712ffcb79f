import type { WebhookTriggerPerformList } from 'zapier-platform-core';
import { expectBody, isListOf } from '../../relay/body.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import {
  isNonEmptyString,
  isPlainObject,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryFailedEvent,
} from '../../shared/index.js';
import type { HookInput } from '../hook/input.js';
import { sampleLimit } from '../hook/sample-limit.js';

type LoggedDelivery = Pick<
  Delivery,
  'id' | 'connectionId' | 'subscriptionId' | 'messageId' | 'kind' | 'targetUrl' | 'updatedAt'
> & { attempts: Partial<DeliveryAttempt>[] };

/** What a sample needs of a delivery log entry. */
function isLoggedDelivery(value: unknown): value is LoggedDelivery {
  return (
    isPlainObject(value) &&
    isNonEmptyString(value.id) &&
    isNonEmptyString(value.connectionId) &&
    isNonEmptyString(value.targetUrl) &&
    typeof value.kind === 'string' &&
    typeof value.updatedAt === 'string' &&
    Array.isArray(value.attempts) &&
    value.attempts.every(isPlainObject)
  );
}

function lastError(attempt: Partial<DeliveryAttempt> | undefined): string {
  if (attempt?.error !== undefined) return attempt.error;
  return typeof attempt?.status === 'number' ? `HTTP ${String(attempt.status)}` : 'never attempted';
}

/**
 * The `delivery.failed` event the relay sent when this delivery gave up, rebuilt from the log.
 * Its `id` is the delivery's: the log does not keep the event's own id.
 */
export function failedDeliveryEvent(delivery: LoggedDelivery): DeliveryFailedEvent {
  const last = delivery.attempts.at(-1);
  const at = last?.at ?? delivery.updatedAt;
  return {
    type: 'delivery.failed',
    id: delivery.id,
    connectionId: delivery.connectionId,
    timestamp: at,
    data: {
      target:
        delivery.subscriptionId === undefined
          ? { kind: 'webhook', url: delivery.targetUrl }
          : {
              kind: 'subscription',
              subscriptionId: delivery.subscriptionId,
              url: delivery.targetUrl,
            },
      deliveryId: delivery.id,
      ...(delivery.messageId === undefined ? {} : { messageId: delivery.messageId }),
      attempts: delivery.attempts.length,
      lastError: lastError(last),
      lastAttemptAt: at,
    },
  };
}

/**
 * Samples from the connection's recent failed deliveries, newest first, shaped as the event each
 * raised. Failed event deliveries are left out: they raise no event (the relay avoids loops).
 */
export const listFailedDeliveries: WebhookTriggerPerformList<
  HookInput,
  DeliveryFailedEvent
> = async (z, bundle) => {
  const path = apiPath`/api/connections/${bundle.inputData.connectionId}/deliveries`;
  const response = await z.request({
    url: relayUrl(z, bundle.authData, path),
    params: { status: 'failed', limit: String(sampleLimit(bundle)) },
  });
  const list = expectBody(z, response, isListOf(isLoggedDelivery), 'the delivery log request');
  return list.data.filter(({ kind }) => kind !== 'event').map(failedDeliveryEvent);
};
