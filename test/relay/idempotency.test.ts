// Idempotency-Key on POST /api/webhooks/incoming: a repeat within 24 h creates nothing and
// answers like the first request; the same key with another body is a 409.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { closeWithoutServerErrors } from '../support/server-errors.js';
import { storedQuestions } from '../support/store-reads.js';
import { waitFor } from '../support/wait.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let relay: TestRelay;
let receiver: Receiver;
let connectionId: string;
/** Added to the relay's clock, to step past the 24 h window. */
let clockOffsetMs = 0;
beforeAll(async () => {
  relay = await startTestRelay({
    deps: { clock: { now: () => new Date(Date.now() + clockOffsetMs) } },
  });
  receiver = await startReceiver();
  ({ connectionId } = await createConnection(relay, receiver.url));
});
afterAll(async () => {
  await closeWithoutServerErrors(relay);
  await receiver.close();
});

function send(
  key: string,
  body: Record<string, unknown>,
  options: { query?: string; apiKey?: string } = {},
) {
  return relay.api(`/api/webhooks/incoming${options.query ?? ''}`, {
    body,
    headers: { 'Idempotency-Key': key },
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
}

/** Distinct messages with this text, waiting for their reply or answered (briefly both). */
const userMessages = (content: string) => storedQuestions(relay.store, connectionId, content);

test('a repeat returns the first answer and creates no second message or reply', async () => {
  const body = { connectionId, message: 'once only', userId: 'u-1' };
  const first = await send('key-repeat', body);
  const again = await send('key-repeat', body);

  expect(first.status).toBe(202);
  expect(again.status).toBe(202);
  expect(again.body).toEqual(first.body);
  expect(await userMessages('once only')).toBe(1);
  await waitFor(() => receiver.requests.some((r) => r.body.includes('[echo] once only')), {
    what: 'the one reply',
  });
  await send('key-repeat', body);
  const replies = await relay.store.conversations.latestReplies(connectionId, 100);
  expect(replies.filter((reply) => reply.content === '[echo] once only')).toHaveLength(1);
});

test('the same key with a different body is a 409 idempotency_conflict, and creates nothing', async () => {
  const first = await send('key-conflict', { connectionId, message: 'original' });
  const other = await send('key-conflict', { connectionId, message: 'changed' });

  expect(first.status).toBe(202);
  expect(other.status).toBe(409);
  expect(other.body.error.code).toBe('idempotency_conflict');
  expect(await userMessages('changed')).toBe(0);
});

test('a repeat with ?wait=true waits for the first message and answers with its reply', async () => {
  const body = { connectionId, message: 'answer me later' };
  const first = await send('key-wait', body);
  const waited = await send('key-wait', body, { query: '?wait=true' });

  expect(first.status).toBe(202);
  expect(waited.status).toBe(200);
  expect(waited.body).toEqual(
    expect.objectContaining({
      conversationId: first.body.conversationId,
      message: expect.objectContaining({ content: '[echo] answer me later' }),
    }),
  );
  expect(await userMessages('answer me later')).toBe(1);
});

test('simultaneous requests with one key create exactly one message', async () => {
  const body = { connectionId, message: 'all at once' };
  const answers = await Promise.all(Array.from({ length: 6 }, () => send('key-race', body)));

  expect(await userMessages('all at once')).toBe(1);
  const accepted = answers.filter((a) => a.status === 202);
  expect(accepted.length).toBeGreaterThanOrEqual(1);
  expect(new Set(accepted.map((a) => a.body.messageId)).size).toBe(1);
  for (const answer of answers.filter((a) => a.status !== 202)) {
    expect(answer.status).toBe(409);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  }
});

test('keys belong to one workspace: another workspace may use the same key', async () => {
  const otherKey = await relay.newWorkspace();
  const bot = await relay.api('/api/chatbots', { body: { name: 'B' }, apiKey: otherKey });
  const other = await relay.api(`/api/chatbots/${bot.body.id}/connections`, {
    body: { webhookUrl: receiver.url },
    apiKey: otherKey,
  });

  const mine = await send('key-shared', { connectionId, message: 'from A' });
  const theirs = await send(
    'key-shared',
    { connectionId: other.body.id, message: 'from B' },
    { apiKey: otherKey },
  );

  expect(mine.status).toBe(202);
  expect(theirs.status).toBe(202);
  expect(theirs.body.messageId).not.toBe(mine.body.messageId);
});

test('a first request that failed does not hold the key', async () => {
  const failed = await send('key-after-404', { connectionId: 'conn_missing', message: 'x' });
  const next = await send('key-after-404', { connectionId, message: 'now right' });

  expect(failed.status).toBe(404);
  expect(next.status).toBe(202);
});

test('an Idempotency-Key over 255 characters is a 400 naming the header', async () => {
  const response = await send('k'.repeat(256), { connectionId, message: 'x' });

  expect(response.status).toBe(400);
  expect(response.body.error).toEqual(
    expect.objectContaining({ code: 'validation_failed', field: 'Idempotency-Key' }),
  );
});

test('after 24 h the key is free again', async () => {
  const body = { connectionId, message: 'a day apart' };
  const first = await send('key-expiry', body);
  clockOffsetMs = DAY_MS + 1_000;
  const later = await send('key-expiry', body);

  expect(later.status).toBe(202);
  expect(later.body.messageId).not.toBe(first.body.messageId);
  expect(await userMessages('a day apart')).toBe(2);
});
