import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { verify, WebhookVerificationError } from '../../shared';

/** Answers `status` with a stable error code and starts nothing; the relay's delivery log shows why. */
export function refuse(
  this: IWebhookFunctions,
  code: string,
  message: string,
  status = 401,
): IWebhookResponseData {
  this.logger.warn(`FourthChat refused a delivery: ${code}`, { message });
  this.getResponseObject().status(status).json({ error: { code, message } });
  return { noWebhookResponse: true };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A request's JSON body once its signature verified, or the answer that refused it. */
export type SignedRequest = { payload: unknown } | { refused: IWebhookResponseData };

/**
 * Verifies the raw body of the request against the Standard Webhooks signature made with
 * `secret`, accepting only timestamps within 5 minutes of `now` (the untimestamped
 * `X-Webhook-Signature` alone could be replayed, so it is refused).
 */
export function readSignedRequest(
  this: IWebhookFunctions,
  secret: string,
  now: Date,
): SignedRequest {
  const request = this.getRequestObject();
  const body = request.rawBody ?? Buffer.alloc(0);
  try {
    verify({ body, headers: request.headers, secret, now, requireTimestampedSignature: true });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return { refused: refuse.call(this, error.code, error.message) };
    }
    throw new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error));
  }
  return { payload: parseJson(body) };
}
