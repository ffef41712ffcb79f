import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
  isOutgoingPayload,
  isRelayEvent,
  isTestPayload,
  verify,
  WebhookVerificationError,
  type EventType,
} from '../../shared';
import { isDataObject } from '../common/json';
import { chosenEvent, EVENT_PARAMETER } from './event';
import { eventItem } from './eventItem';
import { readSubscription } from './subscription';

const RECEIVED = { received: true };

/** Answers 401 (or `status`) and starts nothing. The code tells the relay's delivery log why. */
function refuse(
  this: IWebhookFunctions,
  code: string,
  message: string,
  status = 401,
): IWebhookResponseData {
  this.logger.warn(`FourthChat Trigger refused a delivery: ${code}`, { message });
  this.getResponseObject().status(status).json({ error: { code, message } });
  return { noWebhookResponse: true };
}

/** The item of a delivery of the chosen event; undefined when the body is not one. */
function chosenItem(event: EventType, payload: unknown): IDataObject | undefined {
  if (event === 'ai.response') {
    return isOutgoingPayload(payload) && isDataObject(payload) ? payload : undefined;
  }
  return isRelayEvent(payload) && payload.type === event ? eventItem(payload) : undefined;
}

function describePayload(payload: unknown): string {
  if (isRelayEvent(payload)) return `a ${payload.type} event`;
  if (isOutgoingPayload(payload)) return 'an ai.response';
  return payload === undefined ? 'no JSON' : 'an unknown payload';
}

function acknowledgeOnly(ignored: string): IWebhookResponseData {
  return { webhookResponse: { ...RECEIVED, ignored } };
}

function start(payload: IDataObject): IWebhookResponseData {
  return { webhookResponse: RECEIVED, workflowData: [[{ json: payload }]] };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function includesTestEvents(this: IWebhookFunctions): boolean {
  const options: unknown = this.getNodeParameter('options', {});
  return isDataObject(options) && options.includeTestEvents === true;
}

/**
 * Handles one delivery: only a body whose timestamped signature verifies with this subscription's
 * secret, and that is the chosen event, starts the workflow. Anything else signed is answered 422
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
  const request = this.getRequestObject();
  const body = request.rawBody ?? Buffer.alloc(0);
  try {
    verify({
      body,
      headers: request.headers,
      secret: saved.secret,
      now,
      requireTimestampedSignature: true,
    });
  } catch (error) {
    if (error instanceof WebhookVerificationError)
      return refuse.call(this, error.code, error.message);
    throw new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error));
  }
  const payload = parseJson(body);
  if (isTestPayload(payload)) {
    return includesTestEvents.call(this) && isDataObject(payload)
      ? start(payload)
      : acknowledgeOnly('test event');
  }
  const event = chosenEvent(this.getNode(), this.getNodeParameter(EVENT_PARAMETER, ''));
  const item = chosenItem(event, payload);
  if (item !== undefined) return start(item);
  return refuse.call(
    this,
    'unexpected_event',
    `This trigger starts on ${event}, and the delivery carried ${describePayload(payload)}; ` +
      'publish the workflow again to renew its subscription',
    422,
  );
}
