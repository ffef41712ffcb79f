import type { IDataObject } from 'n8n-workflow';
import type { RelayEvent } from '../../shared';

/**
 * The item a relay event starts the workflow with: the envelope and the fields of `data` side by
 * side, and an event's target as `targetKind` / `targetUrl` / `targetSubscriptionId`, so that a
 * Slack message reads `{{ $json.targetUrl }}` or `{{ $json.lastError }}` without digging. Events
 * about no target (Message Failed, Subscription Removed) keep their `data` fields as they are.
 */
export function eventItem(event: RelayEvent): IDataObject {
  const envelope = {
    type: event.type,
    id: event.id,
    connectionId: event.connectionId,
    timestamp: event.timestamp,
  };
  if (!('target' in event.data)) return { ...envelope, ...event.data };
  const { target, ...details } = event.data;
  return {
    ...envelope,
    targetKind: target.kind,
    targetUrl: target.url,
    ...(target.subscriptionId === undefined ? {} : { targetSubscriptionId: target.subscriptionId }),
    ...details,
  };
}
