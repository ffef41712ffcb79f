// Bursts: many messages at once must each be answered once, in order per conversation, and
// each reply delivered once. These are the guarantees the store's atomic claims carry.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { gatedResponder } from '../support/gated-responder.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { scaledMs } from '../support/time-scale.js';
import { waitFor } from '../support/wait.js';

let relay: TestRelay;
let receiver: Receiver;
let connectionId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  relay = await startTestRelay();
  ({ connectionId } = await createConnection(relay, receiver.url));
});
afterAll(async () => {
  await relay.close();
  await receiver.close();
});

const send = (message: string, userId: string) =>
  relay.api('/api/webhooks/incoming', { body: { connectionId, message, userId } });

interface Delivered {
  id: string;
  message: { id: string; content: string };
  conversationId: string;
}

const deliveredTo = (conversationId?: string) =>
  receiver.requests
    .map((request) => ({
      id: String(request.headers['x-webhook-id']),
      ...(JSON.parse(request.body) as Omit<Delivered, 'id'>),
    }))
    .filter((payload) => conversationId === undefined || payload.conversationId === conversationId);

/**
 * The questions of a conversation in its settled order, checked to be `count` distinct ones,
 * each followed by its own reply.
 */
async function settledQuestions(conversationId: string, count: number): Promise<string[]> {
  const conversation = await relay.api(`/api/conversations/${conversationId}`);
  const messages = conversation.body.messages as { id: string; role: string; content: string }[];
  expect(messages).toHaveLength(count * 2);
  expect(new Set(messages.map((m) => m.id)).size).toBe(count * 2);
  for (let i = 0; i < messages.length; i += 2) {
    const [question, reply] = [messages[i], messages[i + 1]];
    expect(question?.role).toBe('user');
    expect(reply).toEqual(
      expect.objectContaining({ role: 'assistant', content: `[echo] ${question?.content}` }),
    );
  }
  return messages.filter((m) => m.role === 'user').map((m) => m.content);
}

test(
  '40 messages of one user at once: 40 replies, each once, each to its own message, history complete',
  async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `burst ${i}`);
    const answers = await Promise.all(texts.map((text) => send(text, 'burst-user')));

    expect(answers.map((a) => a.status)).toEqual(texts.map(() => 202));
    const conversationId = answers[0]?.body.conversationId as string;
    expect(new Set(answers.map((a) => a.body.conversationId))).toEqual(new Set([conversationId]));
    await waitFor(() => deliveredTo(conversationId).length >= 40, {
      timeoutMs: 20_000,
      what: '40 deliveries',
    });
    const delivered = deliveredTo(conversationId);
    expect(delivered).toHaveLength(40);
    expect(new Set(delivered.map((d) => d.message.id)).size).toBe(40);
    expect(new Set(delivered.map((d) => d.message.content))).toEqual(
      new Set(texts.map((text) => `[echo] ${text}`)),
    );

    // Sent at once, they may be accepted in any order.
    expect(new Set(await settledQuestions(conversationId, texts.length))).toEqual(new Set(texts));
  },
  scaledMs(30_000),
);

test(
  'messages of one user arriving while the one before is settled: each answered in order, history complete',
  async () => {
    // Each message is sent once the one before is accepted, so most arrive while the worker
    // settles the turn before: the lease it let go with that turn must be taken again.
    const texts = Array.from({ length: 60 }, (_, i) => `follow-up ${i}`);
    let conversationId = '';
    for (const text of texts) {
      const answer = await send(text, 'follow-up-user');
      expect(answer.status).toBe(202);
      conversationId = answer.body.conversationId as string;
    }
    await waitFor(() => deliveredTo(conversationId).length >= texts.length, {
      timeoutMs: 20_000,
      what: `${texts.length} deliveries`,
    });
    expect(await settledQuestions(conversationId, texts.length)).toEqual(texts);
  },
  scaledMs(30_000),
);

test(
  '200 users at once: 200 deliveries, none twice',
  async () => {
    const before = receiver.requests.length;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => send(`hello from ${i}`, `crowd-${i}`)),
    );

    expect(answers.filter((a) => a.status !== 202)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.conversationId)).size).toBe(200);
    await waitFor(() => receiver.requests.length - before >= 200, {
      timeoutMs: 30_000,
      what: '200 deliveries',
    });
    const delivered = deliveredTo().filter((d) =>
      d.message.content.startsWith('[echo] hello from'),
    );
    expect(delivered).toHaveLength(200);
    expect(new Set(delivered.map((d) => d.id)).size).toBe(200);
    expect(new Set(delivered.map((d) => d.message.content)).size).toBe(200);
  },
  scaledMs(40_000),
);

test(
  'conversations waiting for a slow AI hold nothing up: 100 wait, a quick one is answered meanwhile',
  async () => {
    const slowAi = gatedResponder((request) => request.history.at(-1)?.content === 'slow');
    const slow = await startTestRelay({ responder: slowAi });
    try {
      const { connectionId: slowConnection } = await createConnection(slow, receiver.url);
      const to = (message: string, userId: string) =>
        slow.api('/api/webhooks/incoming', {
          body: { connectionId: slowConnection, message, userId },
        });
      const waiting = await Promise.all(
        Array.from({ length: 100 }, (_, i) => to('slow', `waiting-${i}`)),
      );
      expect(waiting.filter((a) => a.status !== 202)).toEqual([]);
      await waitFor(() => slowAi.requests.length >= 100, {
        timeoutMs: 20_000,
        what: 'all 100 slow AI calls under way at once',
      });

      const quick = await to('quick', 'not-waiting');
      expect(quick.status).toBe(202);
      await waitFor(() => deliveredTo(quick.body.conversationId as string).length === 1, {
        timeoutMs: 20_000,
        what: 'the quick reply delivered while the slow ones wait',
      });
      expect(slowAi.requests).toHaveLength(101);
    } finally {
      slowAi.open();
      await slow.close();
    }
  },
  scaledMs(40_000),
);
