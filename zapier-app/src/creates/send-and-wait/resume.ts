import type { Bundle, CreatePerformResume, ZObject } from 'zapier-platform-core';
import {
  isOutgoingPayload,
  isRelayEvent,
  verify,
  WebhookVerificationError,
} from '../../shared/index.js';
import type { MessageInput } from '../send-message/input.js';
import { isPendingReply, type PendingReply, type WaitedReply } from './pending.js';

// Zapier resumes a step at most 30 days after perform (its docs on z.generateCallbackUrl). The
// secret is this run's own, so a callback of another run never verifies; the signed timestamp
// only has to fall within that time, however late Zapier runs performResume.
const CALLBACK_TOLERANCE_SECONDS = 30 * 24 * 60 * 60;

/** The callback's payload, once its signature proves the relay sent it for this run. */
function verifiedPayload(z: ZObject, rawRequest: Bundle['rawRequest'], secret: string): unknown {
  const body = rawRequest?.content ?? '';
  try {
    verify({
      body,
      headers: rawRequest?.headers ?? {},
      secret,
      now: new Date(),
      toleranceSeconds: CALLBACK_TOLERANCE_SECONDS,
      requireTimestampedSignature: true,
    });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    throw new z.errors.Error(
      `The callback that resumed this step is not signed by the FourthChat relay (${error.code}).`,
      'invalid_callback',
      401,
    );
  }
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The reply to the message, or the error the relay gave up with. */
function replyOf(z: ZObject, payload: unknown, { sent }: PendingReply): WaitedReply {
  if (isOutgoingPayload(payload) && payload.conversationId === sent.conversationId) {
    return { ...payload, status: 'replied', messageId: sent.messageId };
  }
  if (
    isRelayEvent(payload) &&
    payload.type === 'message.failed' &&
    payload.data.messageId === sent.messageId
  ) {
    throw new z.errors.Error(
      `The chatbot could not reply to this message: ${payload.data.reason}`,
      'reply_failed',
      424,
    );
  }
  throw new z.errors.Error(
    'The FourthChat relay called back with something that is neither the reply to this message nor its failure.',
    'unexpected_callback',
    502,
  );
}

/** The relay's callback: the reply (or `message.failed`), signed with this run's secret. */
export const performResume: CreatePerformResume<MessageInput, WaitedReply> = (z, bundle) => {
  const pending = bundle.outputData;
  if (!isPendingReply(pending)) {
    throw new z.errors.Error(
      'This step was resumed without the message it sent; send it again.',
      'unexpected_callback',
      500,
    );
  }
  return replyOf(z, verifiedPayload(z, bundle.rawRequest, pending.callbackSecret), pending);
};
