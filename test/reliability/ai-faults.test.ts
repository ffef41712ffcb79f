// AI provider faults through the real OpenAI responder against a nock'ed OpenAI API, beyond
// test/relay/history.test.ts (one 429, 500, malformed JSON, empty choices): timeouts,
// a 429 with Retry-After in seconds that never clears, 502/503 that clear, dropped
// connections, and a burst of all of them at once. Every message ends answered or failed
// (never left pending), and the relay keeps serving.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import nock from 'nock';
import type { Conversation } from '@fourthchat/shared';
import { createOpenAiResponder } from '../../relay/src/ai/openai-responder.js';
import { startMongoTestRelay, type MongoTestRelay } from '../support/mongo-relay-harness.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { scaled, seededRandom, testSeed } from '../support/scale.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

jest.setTimeout(scaledMs(60_000));

const OPENAI = 'https://api.openai.com';
const PATH = '/v1/chat/completions';
/** The SDK's own retries: the first call plus two. */
const CALLS = 3;
/** Hit on purpose by a provider that answers 4x later; others answer well within it. */
const AI_TIMEOUT_MS = scaledMs(300);

interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
}

const completion = (content: string) => ({
  id: 'chatcmpl-test',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-test',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});

let relay: MongoTestRelay;
let receiver: Receiver;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  relay = await startMongoTestRelay({
    responder: createOpenAiResponder({
      apiKey: 'sk-test',
      baseUrl: `${OPENAI}/v1`,
      maxRetries: CALLS - 1,
      timeoutMs: AI_TIMEOUT_MS,
    }),
    settings: { syncTimeoutMs: scaledMs(20_000) },
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  // nock patches Node's http for every test file of this worker: undo it before anything
  // here can throw, or the next file's loopback requests are refused.
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
  expect((await relay.api('/api/me')).status).toBe(200);
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

const forModel = (model: string) => (body: ChatRequest) => body.model === model;

async function connectionWithModel(model: string): Promise<string> {
  const bot = await relay.api('/api/chatbots', { body: { name: 'Bot', model } });
  const created = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
    body: { webhookUrl: receiver.url },
  });
  return created.body.id as string;
}

const ask = (connectionId: string, message = 'hello?') =>
  relay.api('/api/webhooks/incoming?wait=true', { body: { connectionId, message } });

test('an AI call that times out is retried, then the message is recorded failed (424)', async () => {
  const scope = nock(OPENAI)
    .post(PATH, forModel('gpt-slow'))
    .times(CALLS)
    .delay(AI_TIMEOUT_MS * 4)
    .reply(200, completion('too late'));
  const connectionId = await connectionWithModel('gpt-slow');

  const response = await ask(connectionId);

  expect(response.status).toBe(424);
  // Under nock the SDK's abort surfaces as its connection error rather than its timeout error.
  expect(response.body.error.message).toMatch(/timed out|connection error/i);
  expect(scope.isDone()).toBe(true);
});

test('a 429 with Retry-After in seconds that never clears: the wait is honoured, then failed', async () => {
  const calls: number[] = [];
  const scope = nock(OPENAI)
    .post(PATH, forModel('gpt-429s'))
    .times(CALLS)
    .reply(() => {
      calls.push(Date.now());
      return [429, { error: { message: 'Rate limit reached' } }, { 'retry-after': '1' }];
    });
  const connectionId = await connectionWithModel('gpt-429s');

  const response = await ask(connectionId);

  expect(response.status).toBe(424);
  expect(response.body.error.message).toMatch(/429/);
  expect(scope.isDone()).toBe(true);
  const gaps = calls.slice(1).map((at, i) => at - (calls[i] as number));
  expect(gaps.every((gap) => gap >= 900)).toBe(true);
});

test.each([502, 503])(
  'a %i that clears on the next call is retried and the reply delivered',
  async (status) => {
    const model = `gpt-${status}`;
    nock(OPENAI)
      .post(PATH, forModel(model))
      .reply(status, { error: { message: 'bad gateway' } }, { 'retry-after-ms': '5' })
      .post(PATH, forModel(model))
      .reply(200, completion(`recovered from ${status}`));
    const connectionId = await connectionWithModel(model);

    const response = await ask(connectionId);

    expect(response.status).toBe(200);
    expect(response.body.message.content).toBe(`recovered from ${status}`);
  },
);

test('a dropped connection to the provider is retried, then recorded failed', async () => {
  const scope = nock(OPENAI)
    .post(PATH, forModel('gpt-drop'))
    .times(CALLS)
    .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
  const connectionId = await connectionWithModel('gpt-drop');

  const response = await ask(connectionId);

  expect(response.status).toBe(424);
  expect(response.body.error.message).toMatch(/unreachable|connection/i);
  expect(scope.isDone()).toBe(true);
});

test('a burst of mixed provider faults: every message ends completed or failed, none pending', async () => {
  const count = scaled(30, 300);
  const random = seededRandom(testSeed());
  const faults = ['ok', '500', 'malformed', 'empty', 'drop'] as const;
  nock(OPENAI)
    .persist()
    .post(PATH, forModel('gpt-chaos'))
    .reply(function reply(_uri, body) {
      const fault = faults[Math.floor(random() * faults.length)];
      const last = (body as ChatRequest).messages.at(-1)?.content ?? '';
      if (fault === 'ok') return [200, completion(`re: ${last}`)];
      if (fault === '500') return [500, { error: { message: 'boom' } }, { 'retry-after-ms': '1' }];
      if (fault === 'malformed')
        return [200, '{"choices": [', { 'content-type': 'application/json' }];
      if (fault === 'empty') return [200, { ...completion(''), choices: [] }];
      this.req.destroy(new Error('socket hang up'));
      return [500, ''];
    });
  const chaos = await connectionWithModel('gpt-chaos');
  const accepted = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await relay.api('/api/webhooks/incoming', {
        body: { connectionId: chaos, message: `chaos ${i}`, userId: `user-${i % 6}` },
      });
      expect(response.status).toBe(202);
      return response.body as { conversationId: string; messageId: string };
    }),
  );

  const conversationIds = [...new Set(accepted.map((a) => a.conversationId))];
  const statuses = await waitFor(
    async () => {
      const conversations = await Promise.all(
        conversationIds.map(
          async (id) => (await relay.api(`/api/conversations/${id}`)).body as Conversation,
        ),
      );
      const users = conversations.flatMap((c) => c.messages.filter((m) => m.role === 'user'));
      return users.length === count && users.every((m) => m.status !== 'pending') && users;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `${count} messages settled` },
  );
  expect(statuses.filter((m) => m.status !== 'completed' && m.status !== 'failed')).toEqual([]);
  expect(statuses.filter((m) => m.status === 'failed').every((m) => Boolean(m.error))).toBe(true);
  nock.cleanAll();
});
