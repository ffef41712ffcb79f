// Send Message and Wait for Reply against a real relay: perform as Zapier runs it live (with a
// callback URL on the test receiver), the relay's callback, and performResume.
import { describe, expect, it } from '@jest/globals';
import { performResume } from '../../zapier-app/src/creates/send-and-wait/resume.js';
import { appTester } from './support/app.js';
import { performLive } from './support/callback.js';
import { errorFields, rejection } from './support/errors.js';
import { handedOver } from './support/raw-request.js';
import type { ReceivedRequest } from './support/receiver.js';
import { idOf } from './support/relay-api.js';
import { relayForZapierTests } from './support/relay.js';
import { waitFor } from '../support/wait.js';

const relay = relayForZapierTests();
const KEY = 'sendMessageAndWait';

const inputData = (message: string) => ({
  connectionId: relay.connectionId,
  message,
  userId: 'waiting-user',
});

/** The request the relay made to the callback URL at `path`, once it came. */
const callbackAt = (path: string) =>
  waitFor(() => relay.receiver.received.find((request) => request.path === path), {
    timeoutMs: 30_000,
    what: `the relay's callback to ${path}`,
  });

/** performResume as Zapier calls it when the callback request arrives. */
const resume = (outputData: unknown, callback: ReceivedRequest) =>
  appTester(performResume, {
    outputData: outputData as object,
    rawRequest: handedOver(callback),
    cleanedRequest: JSON.parse(callback.body) as object,
  });

describe('Send Message and Wait for Reply, live', () => {
  it('puts the step to wait for its callback, which resumes it with the reply', async () => {
    const path = '/hooks/callback/fast/';
    const run = await performLive(
      KEY,
      { authData: relay.authData, inputData: inputData('Quick question') },
      `${relay.receiver.url}${path}`,
    );

    expect(run.status).toBe('CALLBACK');
    expect(run.results).toEqual({
      status: 'pending',
      sent: expect.objectContaining({ status: 'accepted', connectionId: relay.connectionId }),
      callbackSecret: expect.stringMatching(/^whsec_/),
    });
    const callback = await callbackAt(path);
    expect(callback.method).toBe('POST');

    expect(await resume(run.results, callback)).toMatchObject({
      status: 'replied',
      messageId: (run.results as { sent: { messageId: string } }).sent.messageId,
      message: { role: 'assistant', content: '[ai] Quick question' },
      userId: 'waiting-user',
    });
  });

  it('lands a reply that comes long after the step returned in the same run', async () => {
    const path = '/hooks/callback/slow/';
    relay.ai.hold();
    let run;
    try {
      run = await performLive(
        KEY,
        { authData: relay.authData, inputData: inputData('Think it over') },
        `${relay.receiver.url}${path}`,
      );
      const { messageId } = (run.results as { sent: { messageId: string } }).sent;
      await waitFor(() => relay.ai.held() === 1, { what: 'the AI request to be held' });
      expect(await relay.api.get(`/api/messages/${messageId}`)).toMatchObject({
        status: 'pending',
      });
      expect(relay.receiver.received.some((request) => request.path === path)).toBe(false);
    } finally {
      relay.ai.release();
    }

    const item = await resume(run.results, await callbackAt(path));

    expect(item).toMatchObject({ status: 'replied', message: { content: '[ai] Think it over' } });
  });

  it('fails the step with the reason when the reply finally fails', async () => {
    const chatbotId = idOf(await relay.api.post('/api/chatbots', { name: 'Short-lived bot' }));
    const connection = await relay.api.post(`/api/chatbots/${chatbotId}/connections`, {
      name: 'Short-lived',
      webhookUrl: `${relay.receiver.url}/short-lived`,
    });
    const path = '/hooks/callback/failed/';
    const message = { connectionId: idOf(connection), userId: 'short-lived-user' };
    relay.ai.hold();
    let run;
    try {
      // The first message keeps the AI busy; the step's message waits behind it in the conversation.
      await relay.api.post('/api/webhooks/incoming', { ...message, message: 'First' });
      await waitFor(() => relay.ai.held() === 1, { what: 'the first AI request to be held' });
      run = await performLive(
        KEY,
        { authData: relay.authData, inputData: { ...message, message: 'Second' } },
        `${relay.receiver.url}${path}`,
      );
      await relay.api.delete(`/api/chatbots/${chatbotId}`);
    } finally {
      relay.ai.release();
    }

    const error = await rejection(resume(run.results, await callbackAt(path)));

    expect(errorFields(error)).toEqual({
      message: expect.stringMatching(/^The chatbot could not reply to this message: .*deleted/),
      code: 'reply_failed',
      status: 424,
    });
  });

  it("refuses another run's callback", async () => {
    const first = await performLive(
      KEY,
      { authData: relay.authData, inputData: inputData('First run') },
      `${relay.receiver.url}/hooks/callback/first/`,
    );
    const second = await performLive(
      KEY,
      { authData: relay.authData, inputData: inputData('Second run') },
      `${relay.receiver.url}/hooks/callback/second/`,
    );

    const error = await rejection(
      resume(second.results, await callbackAt('/hooks/callback/first/')),
    );

    expect(first.status).toBe('CALLBACK');
    expect(errorFields(error)).toMatchObject({ code: 'invalid_callback' });
  });

  it('checks the message before anything is sent', async () => {
    const error = await rejection(
      performLive(
        KEY,
        { authData: relay.authData, inputData: inputData('   ') },
        `${relay.receiver.url}/hooks/callback/blank/`,
      ),
    );

    expect(errorFields(error)).toMatchObject({ code: 'validation_failed' });
  });
});

describe('Send Message and Wait for Reply, tested in the Zap editor', () => {
  it('waits for the reply within the step, as Zapier never resumes a step there', async () => {
    const run = await performLive(
      KEY,
      {
        authData: relay.authData,
        inputData: inputData('Testing the step'),
        meta: { isLoadingSample: true },
      },
      `${relay.receiver.url}/hooks/callback/editor/`,
    );

    expect(run.status).not.toBe('CALLBACK');
    expect(run.results).toMatchObject({
      status: 'replied',
      message: { content: '[ai] Testing the step' },
    });
  });
});
