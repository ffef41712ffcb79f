import type { WebhookTriggerPerformList } from 'zapier-platform-core';
import { expectBody } from '../../relay/body.js';
import { apiPath, relayUrl } from '../../relay/url.js';
import { isNonEmptyString, isPlainObject, type TargetPausedEvent } from '../../shared/index.js';
import type { HookInput } from '../hook/input.js';
import { isEventOf } from './item.js';

const isTargetPausedEvent = isEventOf('target.paused');

function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * The `target.paused` event of one target of the connection that is paused now, rebuilt from its
 * health; undefined for a target that is not paused. The id names the target and the pause, since
 * the health does not keep the event's own id.
 */
function pausedTargetEvent(connectionId: string, health: unknown): unknown {
  if (!isPlainObject(health) || !isPlainObject(health.paused)) return undefined;
  const { target, paused } = health;
  if (!isPlainObject(target) || !isNonEmptyString(paused.at)) return undefined;
  const lastError = isPlainObject(health.lastError) ? health.lastError.message : undefined;
  return {
    type: 'target.paused',
    id: `${textOr(target.subscriptionId, 'webhook')}@${paused.at}`,
    connectionId,
    timestamp: paused.at,
    data: {
      target,
      reason: textOr(paused.reason, ''),
      consecutiveFailures:
        typeof health.consecutiveFailures === 'number' ? health.consecutiveFailures : 0,
      failingSince: textOr(health.failingSince, paused.at),
      lastError: textOr(lastError, ''),
    },
  };
}

function hasHealth(value: unknown): value is { health: unknown[] } {
  return isPlainObject(value) && Array.isArray(value.health);
}

/**
 * Samples from the targets of the connection that are paused right now (`health` of
 * `GET /api/connections/:id`). None are paused on a healthy connection: Zapier then offers the
 * trigger's static sample.
 */
export const listPausedTargets: WebhookTriggerPerformList<HookInput, TargetPausedEvent> = async (
  z,
  bundle,
) => {
  const { connectionId } = bundle.inputData;
  const path = apiPath`/api/connections/${connectionId}`;
  const response = await z.request({ url: relayUrl(z, bundle.authData, path) });
  const connection = expectBody(z, response, hasHealth, 'the connection request');
  return connection.health
    .map((health) => pausedTargetEvent(connectionId, health))
    .filter(isTargetPausedEvent);
};
