import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
  deliveryInfo,
  isOutgoingPayload,
  isRelayEvent,
  isTestPayload,
  type EventType,
} from '../../shared';
import { isDataObject } from '../common/json';
import { readSignedRequest, refuse } from '../common/signedRequest';
import { chosenEvents, eventName } from './event';
import { eventItem } from './eventItem';
import { includesTestEvents, OPTIONS_PARAMETER } from './options';
import { readSubscription } from './subscription';

const RECEIVED = { received: true };

/** The item of a delivery of a chosen event; undefined when the body is none of them. */
function chosenItem(events: readonly EventType[], payload: unknown): IDataObject | undefined {
  if (isOutgoingPayload(payload) && isDataObject(payload)) {
    return events.includes('ai.response') ? payload : undefined;
  }
  return isRelayEvent(payload) && events.includes(payload.type) ? eventItem(payload) : undefined;
}

function describePayload(payload: unknown): string {
  if (isRelayEvent(payload)) return `a ${payload.type} event`;
  if (isOutgoingPayload(payload)) return 'an ai.response';
  return payload === undefined ? 'no JSON' : 'an unknown payload';
}

function acknowledgeOnly(ignored: string): IWebhookResponseData {
  return { webhookResponse: { ...RECEIVED, ignored } };
}

/**
 * Starts the workflow with one item: the payload, and `delivery` (id, attempt, isLastAttempt,
 * url) from the delivery's headers, so a workflow can deduplicate retries on `delivery.id` and
 * link to the delivery in the relay's log.
 */
function start(this: IWebhookFunctions, payload: IDataObject): IWebhookResponseData {
  const delivery = deliveryInfo(this.getRequestObject().headers);
  const json = delivery === undefined ? payload : { ...payload, delivery: { ...delivery } };
  return { webhookResponse: RECEIVED, workflowData: [[{ json }]] };
}

/**
 * Handles one delivery: only a body whose timestamped signature verifies with this subscription's
 * secret, and that is one of the chosen events, starts the workflow. Anything else signed is answered 422
 * rather than acknowledged: it means the relay's subscription and this node disagree on the event,
 * and a failed delivery in the relay's log is where a user looks for that.
 */
export async function receive(this: IWebhookFunctions, now: Date): Promise<IWebhookResponseData> {
  const saved = readSubscription(this.getWorkflowStaticData('node'));
  if (saved === undefined) {
    return refuse.call(
      this,
      'not_subscribed',
      'This trigger holds no subscription; publish the workflow again',
    );
  }
  const signed = readSignedRequest.call(this, saved.secret, now);
  if ('refused' in signed) return signed.refused;
  const { payload } = signed;
  if (isTestPayload(payload)) {
    return includesTestEvents(this.getNodeParameter(OPTIONS_PARAMETER, {})) && isDataObject(payload)
      ? start.call(this, payload)
      : acknowledgeOnly('test event');
  }
  const events = chosenEvents(this.getNode(), (name) => this.getNodeParameter(name, ''));
  const item = chosenItem(events, payload);
  if (item !== undefined) return start.call(this, item);
  return refuse.call(
    this,
    'unexpected_event',
    `This trigger starts on ${events.map(eventName).join(', ')}, and the delivery carried ${describePayload(payload)}; ` +
      'publish the workflow again to renew its subscription',
    422,
  );
}
