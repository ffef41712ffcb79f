import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
  isNonEmptyString,
  isPlainObject,
  type CreateSubscriptionRequest,
  DEFAULT_EVENT_TYPES,
} from '../../shared';
import { CONNECTION_PARAMETER } from '../common/connectionLocator';
import { listData } from '../common/json';
import { requiredText } from '../common/parameters';
import { apiPath, relayRequest } from '../common/transport';
import { chosenEvents } from './event';
import { listsAsWanted, type WantedSubscription } from './listed';
import {
  FILTERS_PARAMETER,
  OPTIONS_PARAMETER,
  subscriptionFilter,
  whileUnpublished,
} from './options';
import {
  forgetSubscription,
  readSubscription,
  saveSubscription,
  secretToSubscribeWith,
} from './subscription';

interface HookTarget {
  connectionId: string;
  /** This node's webhook URL (the production one when published, the test one while listening). */
  wanted: WantedSubscription;
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
  const wanted: WantedSubscription = {
    targetUrl,
    events: chosenEvents(node, (name) => this.getNodeParameter(name, '')),
    filter: subscriptionFilter(node, this.getNodeParameter(FILTERS_PARAMETER, {})),
    whileUnpublished: whileUnpublished(node, this.getNodeParameter(OPTIONS_PARAMETER, {})),
  };
  return { connectionId, wanted };
}

function isCreatedSubscription(value: unknown): value is { id: string; secret: string } {
  return isPlainObject(value) && isNonEmptyString(value.id) && isNonEmptyString(value.secret);
}

/**
 * Whether the saved subscription is on the relay for this URL and connection, as the node wants
 * it and delivering. Anything else (deleted on the relay, paused, saved for another URL or
 * connection, other events, filter or While Unpublished since the user changed them) is
 * forgotten, so that n8n calls `subscribe`: on activation, and on every n8n start for each
 * published workflow, which is how an n8n that was down long enough to be paused heals itself.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
  const staticData = this.getWorkflowStaticData('node');
  const saved = readSubscription(staticData);
  if (saved === undefined) return false;
  const { connectionId, wanted } = hookTarget.call(this);
  const { body } = await relayRequest.call(this, {
    method: 'GET',
    path: apiPath('connections', connectionId, 'subscriptions'),
  });
  const exists = listsAsWanted(listData(body), saved.subscriptionId, wanted);
  if (!exists) forgetSubscription(staticData);
  return exists;
}

/**
 * The subscribe request, with the node's own secret (see `secretToSubscribeWith`). Fields at
 * their default are left out: the relay takes an absent field as
 * its default (replacing an earlier choice for the same URL), and a relay from before them
 * refuses unknown keys, so a trigger left at its defaults keeps working with it.
 */
function subscriptionRequest(
  wanted: WantedSubscription,
  secret: string,
): CreateSubscriptionRequest {
  const request: CreateSubscriptionRequest = { targetUrl: wanted.targetUrl, secret };
  const replyOnly =
    wanted.events.length === DEFAULT_EVENT_TYPES.length &&
    wanted.events.every((event) => DEFAULT_EVENT_TYPES.includes(event));
  if (!replyOnly) request.events = [...wanted.events];
  if (wanted.filter.userId !== undefined || wanted.filter.metadata !== undefined) {
    request.filter = wanted.filter;
  }
  if (wanted.whileUnpublished !== 'hold') request.whileUnpublished = wanted.whileUnpublished;
  return request;
}

/**
 * Subscribes this node's webhook URL. The relay answers a URL it already knows with the same
 * subscription, takes the new settings and resumes it if it was paused, delivering what it held
 * oldest first; so a registration left over from a lost activation is reused, and nothing is lost.
 */
export async function subscribe(this: IHookFunctions): Promise<boolean> {
  const { connectionId, wanted } = hookTarget.call(this);
  const { body } = await relayRequest.call(this, {
    method: 'POST',
    path: apiPath('connections', connectionId, 'subscriptions'),
    body: {
      ...subscriptionRequest(wanted, secretToSubscribeWith(this.getWorkflowStaticData('node'))),
    },
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

/**
 * Unpublishing: the relay pauses the subscription and holds its replies (While Unpublished: Hold
 * Replies) or removes it (Drop Replies), as chosen when subscribing. A subscription the relay no
 * longer has (404) counts as removed.
 */
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
