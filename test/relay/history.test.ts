// The real OpenAI responder against a nock'ed OpenAI API: what the relay sends (history,
// prompt, model, temperature) and what it does when the provider fails.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { isOutgoingPayload, type Conversation } from '@fourthchat/shared';
import { listDeliveries } from '../support/deliveries.js';
import {
  COMPLETIONS_PATH,
  OPENAI_ORIGIN as OPENAI,
  completion,
  nockedOpenAiResponder,
  useNockedNetwork,
  type ChatRequest,
} from '../support/nocked-openai.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

/** Answers every chat request for `model` with "re: <last message>", recording the requests. */
function answerModel(model: string): ChatRequest[] {
  const seen: ChatRequest[] = [];
  nock(OPENAI)
    .persist()
    .post(COMPLETIONS_PATH, (body: ChatRequest) => body.model === model)
    .reply(200, (_uri, body) => {
      const request = body as ChatRequest;
      seen.push(request);
      return completion(`re: ${request.messages.at(-1)?.content ?? ''}`);
    });
  return seen;
}

useNockedNetwork();
let relay: TestRelay;
let receiver: Receiver;
beforeAll(async () => {
  relay = await startTestRelay({
    responder: nockedOpenAiResponder({ maxRetries: 2, timeoutMs: scaledMs(2_000) }),
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

async function connectionFor(chatbot: Record<string, unknown>): Promise<string> {
  const bot = await relay.api('/api/chatbots', { body: { name: 'Bot', ...chatbot } });
  expect(bot.status).toBe(201);
  const created = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
    body: { webhookUrl: `${receiver.url}?model=${String(chatbot.model)}` },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function send(connectionId: string, message: string, userId = 'user-1') {
  const response = await relay.api('/api/webhooks/incoming', {
    body: { connectionId, message, userId },
  });
  expect(response.status).toBe(202);
  return response.body as { conversationId: string; messageId: string };
}

function repliesTo(connectionId: string): string[] {
  return receiver.requests
    .map((request) => JSON.parse(request.body) as unknown)
    .filter((body) => isOutgoingPayload(body) && body.connectionId === connectionId)
    .map((body) => (isOutgoingPayload(body) ? body.message.content : ''));
}

function waitForReplies(connectionId: string, count: number): Promise<string[]> {
  return waitFor(
    () => {
      const replies = repliesTo(connectionId);
      return replies.length >= count ? replies : undefined;
    },
    { what: `${count} replies on ${connectionId}` },
  );
}

test("a second message of the same user reaches OpenAI after the first exchange, with the chatbot's prompt, model and temperature", async () => {
  const seen = answerModel('gpt-history');
  const connectionId = await connectionFor({
    model: 'gpt-history',
    systemPrompt: 'You are a terse support agent.',
    temperature: 0.2,
    historyLimit: 10,
  });

  await send(connectionId, 'Hello, I need help!');
  await waitForReplies(connectionId, 1);
  await send(connectionId, 'My order is late.');
  await waitForReplies(connectionId, 2);

  expect(seen).toHaveLength(2);
  expect(seen[1]).toEqual({
    model: 'gpt-history',
    temperature: 0.2,
    messages: [
      { role: 'system', content: 'You are a terse support agent.' },
      { role: 'user', content: 'Hello, I need help!' },
      { role: 'assistant', content: 're: Hello, I need help!' },
      { role: 'user', content: 'My order is late.' },
    ],
  });
});

test('messages sent back to back are answered in order, each seeing the exchanges before it', async () => {
  const seen = answerModel('gpt-burst');
  const connectionId = await connectionFor({ model: 'gpt-burst', systemPrompt: '' });

  const { conversationId } = await send(connectionId, 'one');
  await send(connectionId, 'two');
  await send(connectionId, 'three');

  expect(await waitForReplies(connectionId, 3)).toEqual(['re: one', 're: two', 're: three']);
  expect(seen.map((request) => request.messages.map((m) => m.content))).toEqual([
    ['one'],
    ['one', 're: one', 'two'],
    ['one', 're: one', 'two', 're: two', 'three'],
  ]);
  const conversation = (await relay.api(`/api/conversations/${conversationId}`))
    .body as Conversation;
  expect(conversation.messages.map((m) => `${m.role}:${m.content}`)).toEqual([
    'user:one',
    'assistant:re: one',
    'user:two',
    'assistant:re: two',
    'user:three',
    'assistant:re: three',
  ]);
});

test('historyLimit keeps only the latest earlier messages', async () => {
  const seen = answerModel('gpt-limited');
  const connectionId = await connectionFor({ model: 'gpt-limited', historyLimit: 2 });

  for (const [index, text] of ['first', 'second', 'third'].entries()) {
    await send(connectionId, text);
    await waitForReplies(connectionId, index + 1);
  }

  expect(seen[2]?.messages.filter((m) => m.role !== 'system')).toEqual([
    { role: 'user', content: 'second' },
    { role: 'assistant', content: 're: second' },
    { role: 'user', content: 'third' },
  ]);
});

test('a 429 from OpenAI is retried and the reply is delivered', async () => {
  const scope = nock(OPENAI)
    .post(COMPLETIONS_PATH, (body: ChatRequest) => body.model === 'gpt-429')
    .reply(429, { error: { message: 'Rate limit reached' } }, { 'retry-after-ms': '10' })
    .post(COMPLETIONS_PATH, (body: ChatRequest) => body.model === 'gpt-429')
    .reply(200, completion('after the rate limit'));
  const connectionId = await connectionFor({ model: 'gpt-429' });

  await send(connectionId, 'hello');

  expect(await waitForReplies(connectionId, 1)).toEqual(['after the rate limit']);
  expect(scope.isDone()).toBe(true);
});

describe.each([
  {
    failure: 'always 500',
    model: 'gpt-500',
    // maxRetries 2: the first call and two retries, then the reply fails.
    intercept: (model: string) =>
      nock(OPENAI)
        .post(COMPLETIONS_PATH, (body: ChatRequest) => body.model === model)
        .times(3)
        .reply(500, { error: { message: 'boom' } }, { 'retry-after-ms': '1' }),
    error: /500/,
  },
  {
    failure: 'malformed JSON',
    model: 'gpt-malformed',
    intercept: (model: string) =>
      nock(OPENAI)
        .post(COMPLETIONS_PATH, (body: ChatRequest) => body.model === model)
        .reply(200, '{"choices": [', { 'content-type': 'application/json' }),
    error: /unreadable answer/,
  },
  {
    failure: 'empty choices',
    model: 'gpt-empty',
    intercept: (model: string) =>
      nock(OPENAI)
        .post(COMPLETIONS_PATH, (body: ChatRequest) => body.model === model)
        .reply(200, { ...completion(''), choices: [] }),
    error: /no reply/,
  },
])('OpenAI fails: $failure', ({ model, intercept, error }) => {
  test('the message ends failed with its error in the conversation, and nothing is delivered', async () => {
    const scope = intercept(model);
    const connectionId = await connectionFor({ model });

    const { conversationId, messageId } = await send(connectionId, 'will this fail?');

    const conversation = await waitFor(
      async () => {
        const body = (await relay.api(`/api/conversations/${conversationId}`)).body as Conversation;
        return body.messages[0]?.status === 'failed' ? body : undefined;
      },
      { what: 'the failed message' },
    );
    expect(scope.isDone()).toBe(true);
    expect(conversation.messages).toEqual([
      expect.objectContaining({ id: messageId, role: 'user', status: 'failed' }),
    ]);
    expect(conversation.messages[0]?.error).toMatch(error);
    expect(await listDeliveries(relay, connectionId)).toEqual([]);
    expect(repliesTo(connectionId)).toEqual([]);
  });

  test('?wait=true answers 424 reply_failed', async () => {
    intercept(model);
    const connectionId = await connectionFor({ model });

    const response = await relay.api('/api/webhooks/incoming?wait=true', {
      body: { connectionId, message: 'and now?' },
    });

    expect(response.status).toBe(424);
    expect(response.body.error).toEqual({ code: 'reply_failed', message: expect.any(String) });
    expect(response.body.error.message).toMatch(error);
  });
});
