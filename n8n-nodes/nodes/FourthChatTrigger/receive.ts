import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isOutgoingPayload, isTestPayload, verify, WebhookVerificationError } from '../../shared';
import { isDataObject } from '../common/json';
import { readSubscription } from './subscription';

const RECEIVED = { received: true };

/** Answers 401 and starts nothing. The code tells the relay's delivery log why. */
function refuse(this: IWebhookFunctions, code: string, message: string): IWebhookResponseData {
  this.logger.warn(`FourthChat Trigger refused a delivery: ${code}`, { message });
  this.getResponseObject().status(401).json({ error: { code, message } });
  return { noWebhookResponse: true };
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
 * secret starts the workflow, with the payload exactly as signed.
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
  if (isOutgoingPayload(payload) && isDataObject(payload)) return start(payload);
  this.logger.warn('FourthChat Trigger ignored a signed delivery it does not know');
  return acknowledgeOnly('unknown payload');
}
