// performResume of Send Message and Wait for Reply: the relay's callback as Zapier hands it over.
import { describe, expect, it } from '@jest/globals';
import { performResume } from '../../zapier-app/src/creates/send-and-wait/resume.js';
import { generateSecret, type MessageFailedEvent } from '../../zapier-app/src/shared/index.js';
import { app, appTester } from './support/app.js';
import { signedDelivery } from './support/delivery.js';
import { errorFields, rejection } from './support/errors.js';
import { reply } from './support/payloads.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const callbackSecret = generateSecret();
/** What perform returned: the step waits with it for the callback. */
const outputData = {
  status: 'pending',
  sent: {
    status: 'accepted',
    connectionId: reply.connectionId,
    conversationId: reply.conversationId,
    messageId: 'msg_user_1',
  },
  callbackSecret,
};
const failed: MessageFailedEvent = {
  type: 'message.failed',
  id: 'evt_9',
  connectionId: reply.connectionId,
  timestamp: '2024-01-15T10:31:00Z',
  data: {
    messageId: 'msg_user_1',
    conversationId: reply.conversationId,
    reason: 'AI provider error 500: overloaded',
  },
};

/** The relay's callback, signed as it signs it, as Zapier gives it to performResume. */
function resume(
  payload: object,
  { secret = callbackSecret, now = new Date(), pending = outputData as object } = {},
) {
  const body = JSON.stringify(payload);
  return appTester(performResume, {
    outputData: pending,
    rawRequest: signedDelivery({ body, secret, now }),
    cleanedRequest: payload,
  });
}

describe('Send Message and Wait for Reply definition', () => {
  it('is a callback action: perform, performResume and the message inputs without a wait', () => {
    const { operation } = app.creates.sendMessageAndWait;
    expect(operation.performResume).toBe(performResume);
    expect(operation.inputFields?.map((field) => 'key' in field && field.key)).toEqual([
      'connectionId',
      'message',
      'userId',
      'metadata',
    ]);
    expect(operation.sample).toMatchObject({ status: 'replied', message: { role: 'assistant' } });
  });
});

describe('performResume (the relay called back)', () => {
  it('continues the Zap with the reply and the id of the message it answers', async () => {
    expect(await resume(reply)).toEqual({ ...reply, status: 'replied', messageId: 'msg_user_1' });
  });

  it('still takes a callback that Zapier resumes a day after it was signed', async () => {
    const item = await resume(reply, { now: new Date(Date.now() - DAY_MS) });

    expect(item).toMatchObject({ status: 'replied' });
  });

  it('fails the step with the reason when the reply finally failed (message.failed)', async () => {
    const error = await rejection(resume(failed));

    expect(errorFields(error)).toEqual({
      message: 'The chatbot could not reply to this message: AI provider error 500: overloaded',
      code: 'reply_failed',
      status: 424,
    });
  });

  it("refuses a callback signed with another run's secret", async () => {
    const error = await rejection(resume(reply, { secret: generateSecret() }));

    expect(errorFields(error)).toMatchObject({ code: 'invalid_callback', status: 401 });
    expect(error.message).toContain('invalid_signature');
  });

  it('refuses a callback without the timestamped signature', async () => {
    const error = await rejection(
      appTester(performResume, {
        outputData,
        rawRequest: { method: 'POST', headers: {}, content: JSON.stringify(reply) },
        cleanedRequest: reply,
      }),
    );

    expect(errorFields(error)).toMatchObject({ code: 'invalid_callback' });
  });

  it.each([
    ['a reply in another conversation', { ...reply, conversationId: 'conv_other' }],
    ['the failure of another message', { ...failed, data: { ...failed.data, messageId: 'msg_x' } }],
    ['something else', { hello: 'world' }],
  ])('refuses %s, even signed with this secret', async (_label, payload) => {
    const error = await rejection(resume(payload));

    expect(errorFields(error)).toMatchObject({ code: 'unexpected_callback' });
  });

  it('fails clearly when Zapier resumes the step without what perform returned', async () => {
    const error = await rejection(resume(reply, { pending: { status: 'pending' } }));

    expect(errorFields(error)).toMatchObject({ code: 'unexpected_callback' });
  });
});
