import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
  DEFAULT_EVENT_TYPES,
  isEventType,
  isNonEmptyString,
  isPlainObject,
  type CreateSubscriptionRequest,
  type EventType,
} from '../../shared';
import { CONNECTION_PARAMETER } from '../common/connectionLocator';
import { listData } from '../common/json';
import { requiredText } from '../common/parameters';
import { apiPath, relayRequest } from '../common/transport';
import { chosenEvent, EVENT_PARAMETER } from './event';
import { forgetSubscription, readSubscription, saveSubscription } from './subscription';

interface HookTarget {
  connectionId: string;
  /** This node's webhook URL: the production one when published, the test one while listening. */
  targetUrl: string;
  event: EventType;
}

function hookTarget(this: IHookFunctions): HookTarget {
  const node = this.getNode();
  const connectionId = requiredText(
    node,
    'Connection',
    this.getNodeParameter(CONNECTION_PARAMETER, '', { extractValue: true }),
  );
  const targetUrl = this.getNodeWebhookUrl('default');
  if (targetUrl === undefined) {
    throw new NodeOperationError(node, 'n8n did not provide a webhook URL for this trigger');
  }
  const event = chosenEvent(node, this.getNodeParameter(EVENT_PARAMETER, ''));
  return { connectionId, targetUrl, event };
}

interface ListedSubscription {
  id: string;
  targetUrl: string;
  events: readonly EventType[];
}

/** A listed subscription; one without `events` (a relay from before events) gets replies only. */
function listedSubscription(value: unknown): ListedSubscription | undefined {
  if (!isPlainObject(value) || !isNonEmptyString(value.id)) return undefined;
  if (typeof value.targetUrl !== 'string') return undefined;
  const events = Array.isArray(value.events)
    ? value.events.filter(isEventType)
    : DEFAULT_EVENT_TYPES;
  return { id: value.id, targetUrl: value.targetUrl, events };
}

/** Whether a subscription delivers exactly the chosen event, and nothing this node would refuse. */
function receivesOnly(subscription: ListedSubscription, event: EventType): boolean {
  return subscription.events.length === 1 && subscription.events[0] === event;
}

function isCreatedSubscription(value: unknown): value is { id: string; secret: string } {
  return isPlainObject(value) && isNonEmptyString(value.id) && isNonEmptyString(value.secret);
}

/**
 * Whether the saved subscription still exists on the relay for this URL and connection, with the
 * chosen event. A stale one (deleted on the relay, saved for another URL or connection, or for
 * another event since the user changed it) is forgotten so that `subscribe` registers afresh; the
 * relay then updates the subscription of the same URL in place.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
  const staticData = this.getWorkflowStaticData('node');
  const saved = readSubscription(staticData);
  if (saved === undefined) return false;
  const { connectionId, targetUrl, event } = hookTarget.call(this);
  const { body } = await relayRequest.call(this, {
    method: 'GET',
    path: apiPath('connections', connectionId, 'subscriptions'),
  });
  const exists = listData(body)
    .map(listedSubscription)
    .some(
      (listed) =>
        listed !== undefined &&
        listed.id === saved.subscriptionId &&
        listed.targetUrl === targetUrl &&
        receivesOnly(listed, event),
    );
  if (!exists) forgetSubscription(staticData);
  return exists;
}

/**
 * The create request for the chosen event. The default goes without `events`: the relay takes
 * that as replies only (replacing an earlier choice for the same URL), and a relay from before
 * events refuses the unknown key, so New AI Response keeps working with it.
 */
function subscriptionRequest(targetUrl: string, event: EventType): CreateSubscriptionRequest {
  return event === 'ai.response' ? { targetUrl } : { targetUrl, events: [event] };
}

/**
 * Subscribes this node's webhook URL to the connection for the chosen event. The relay answers a
 * URL it already knows with the same subscription and replaces its events, so a registration left
 * over from a lost activation, or made for another event, is reused.
 */
export async function subscribe(this: IHookFunctions): Promise<boolean> {
  const { connectionId, targetUrl, event } = hookTarget.call(this);
  const request = subscriptionRequest(targetUrl, event);
  const { body } = await relayRequest.call(this, {
    method: 'POST',
    path: apiPath('connections', connectionId, 'subscriptions'),
    body: { ...request },
  });
  if (!isCreatedSubscription(body)) {
    throw new NodeOperationError(
      this.getNode(),
      'The FourthChat relay did not answer with the subscription and its secret',
    );
  }
  saveSubscription(this.getWorkflowStaticData('node'), {
    subscriptionId: body.id,
    secret: body.secret,
  });
  return true;
}

/** Unsubscribes; a subscription the relay no longer has (404) counts as removed. */
export async function unsubscribe(this: IHookFunctions): Promise<boolean> {
  const staticData = this.getWorkflowStaticData('node');
  const { subscriptionId } = staticData;
  if (typeof subscriptionId === 'string' && subscriptionId !== '') {
    await relayRequest.call(this, {
      method: 'DELETE',
      path: apiPath('subscriptions', subscriptionId),
      acceptStatuses: [404],
    });
  }
  forgetSubscription(staticData);
  return true;
}
