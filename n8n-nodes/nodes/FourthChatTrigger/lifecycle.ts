import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isNonEmptyString, isPlainObject } from '../../shared';
import { CONNECTION_PARAMETER } from '../common/connectionLocator';
import { listData } from '../common/json';
import { requiredText } from '../common/parameters';
import { apiPath, relayRequest } from '../common/transport';
import { forgetSubscription, readSubscription, saveSubscription } from './subscription';

interface HookTarget {
  connectionId: string;
  /** This node's webhook URL: the production one when published, the test one while listening. */
  targetUrl: string;
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
  return { connectionId, targetUrl };
}

function isListedSubscription(value: unknown): value is { id: string; targetUrl: string } {
  return isPlainObject(value) && isNonEmptyString(value.id) && typeof value.targetUrl === 'string';
}

function isCreatedSubscription(value: unknown): value is { id: string; secret: string } {
  return isPlainObject(value) && isNonEmptyString(value.id) && isNonEmptyString(value.secret);
}

/**
 * Whether the saved subscription still exists on the relay for this URL and connection. A stale
 * one (deleted on the relay, or saved for another URL or connection) is forgotten so that
 * `subscribe` registers afresh.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
  const staticData = this.getWorkflowStaticData('node');
  const saved = readSubscription(staticData);
  if (saved === undefined) return false;
  const { connectionId, targetUrl } = hookTarget.call(this);
  const { body } = await relayRequest.call(this, {
    method: 'GET',
    path: apiPath('connections', connectionId, 'subscriptions'),
  });
  const exists = listData(body)
    .filter(isListedSubscription)
    .some(({ id, targetUrl: url }) => id === saved.subscriptionId && url === targetUrl);
  if (!exists) forgetSubscription(staticData);
  return exists;
}

/**
 * Subscribes this node's webhook URL to the connection. The relay answers a URL it already knows
 * with the same subscription, so a registration left over from a lost activation is reused.
 */
export async function subscribe(this: IHookFunctions): Promise<boolean> {
  const { connectionId, targetUrl } = hookTarget.call(this);
  const { body } = await relayRequest.call(this, {
    method: 'POST',
    path: apiPath('connections', connectionId, 'subscriptions'),
    body: { targetUrl },
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
