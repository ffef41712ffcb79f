import type { IDataObject } from 'n8n-workflow';
import type { RelayEvent } from '../../shared';

/**
 * The item a relay event starts the workflow with: the envelope and the fields of `data` side by
 * side, and the target as `targetKind` / `targetUrl` / `targetSubscriptionId`, so that a Slack
 * message reads `{{ $json.targetUrl }}` or `{{ $json.lastError }}` without digging.
 */
export function eventItem(event: RelayEvent): IDataObject {
  if (!('target' in event.data)) {
    const { type, id, connectionId, timestamp, data } = event;
    return { type, id, connectionId, timestamp, ...data };
  }
  const { target, ...details } = event.data;
  return {
    type: event.type,
    id: event.id,
    connectionId: event.connectionId,
    timestamp: event.timestamp,
    targetKind: target.kind,
    targetUrl: target.url,
    ...(target.subscriptionId === undefined ? {} : { targetSubscriptionId: target.subscriptionId }),
    ...details,
  };
}
