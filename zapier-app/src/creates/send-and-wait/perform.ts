import type { CreatePerform } from 'zapier-platform-core';
import { bundleMeta } from '../../bundle-meta.js';
import { expectBody } from '../../relay/body.js';
import { relayUrl } from '../../relay/url.js';
import { generateSecret, isAcceptedMessage } from '../../shared/index.js';
import type { MessageInput } from '../send-message/input.js';
import { messageBody } from '../send-message/message-body.js';
import { postMessage } from '../send-message/post.js';
import type { SendMessageResult } from '../send-message/result.js';
import type { PendingReply } from './pending.js';

/**
 * Sends the message with Zapier's callback URL as its `callbackUrl`, and a secret of this run as
 * its `callbackSecret`: the relay POSTs the reply there, signed, as soon as it exists, however
 * long it takes, and performResume gives it to the Zap. The request does not wait: calling
 * z.generateCallbackUrl() commits the step to wait for the callback whatever perform returns
 * (zapier-platform-core's callback wrapper), and a reply returned to a waiting request is not
 * sent to the callback. In the Zap editor Zapier never resumes a step (its docs), so there the
 * step waits within its 30 seconds like Send Message does.
 */
export const perform: CreatePerform<MessageInput, PendingReply | SendMessageResult> = async (
  z,
  bundle,
) => {
  const body = messageBody(z, bundle.inputData);
  if (bundleMeta(bundle)?.isLoadingSample === true) {
    return postMessage(z, bundle.authData, { body, wait: true });
  }
  const callbackSecret = generateSecret();
  const response = await z.request({
    url: relayUrl(z, bundle.authData, '/api/webhooks/incoming'),
    method: 'POST',
    body: { ...body, callbackUrl: z.generateCallbackUrl(), callbackSecret },
  });
  const sent = expectBody(z, response, isAcceptedMessage, 'the message');
  return { status: 'pending', sent, callbackSecret };
};
