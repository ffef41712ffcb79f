// Retention: settled messages, finished deliveries and expired idempotency keys older than
// RELAY_RETENTION_DAYS are removed in small batches; what is newer, or unfinished, stays.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { applyRetention } from '../../relay/src/jobs/retention.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { waitFor } from '../support/wait.js';

const DAY_MS = 24 * 60 * 60 * 1000;
let now = Date.parse('2026-01-01T12:00:00Z');
const clock = { now: () => new Date(now) };

let relay: TestRelay;
let receiver: Receiver;
let connectionId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  relay = await startTestRelay({ deps: { clock } });
  ({ connectionId } = await createConnection(relay, receiver.url));
});
afterAll(async () => {
  await relay.close();
  await receiver.close();
});

const retention = () =>
  applyRetention({
    store: relay.store,
    clock,
    logger: pino({ level: 'silent' }),
    settings: { ...relay.relay.services.deps.settings, retentionDays: 30 },
  });

async function sendSettled(message: string, headers: Record<string, string> = {}) {
  const sent = await relay.api('/api/webhooks/incoming', {
    body: { connectionId, message, userId: 'kept-user' },
    headers,
  });
  expect(sent.status).toBe(202);
  await waitFor(
    async () => (await relay.db.collection('pendingMessages').countDocuments({})) === 0,
    { what: `${message} finished` },
  );
  return sent.body.messageId as string;
}

test('old settled messages, finished deliveries and expired keys go; newer ones stay', async () => {
  const old = [
    await sendSettled('old 1', { 'Idempotency-Key': 'old-key' }),
    await sendSettled('old 2'),
  ];
  now += 31 * DAY_MS;
  const recent = await sendSettled('recent');

  const removed = await retention();

  expect(removed).toEqual({
    messages: 4,
    deliveries: 2,
    removedSubscriptions: 0,
    idempotencyKeys: 1,
  });
  const messages = relay.db.collection('messages');
  expect(await messages.countDocuments({ _id: { $in: old } as never })).toBe(0);
  expect(await messages.countDocuments({ _id: recent as never })).toBe(1);
  const log = await relay.api(`/api/connections/${connectionId}/deliveries`);
  expect(log.body.data).toHaveLength(1);
  expect(log.body.retentionDays).toBe(30);
  expect(log.body.availableSince).toBe(new Date(now - 30 * DAY_MS).toISOString());
});

test('a large backlog is removed completely, batch by batch', async () => {
  const longAgo = new Date(now - 90 * DAY_MS);
  await relay.db.collection('messages').insertMany(
    Array.from({ length: 1_234 }, (_, i) => ({
      _id: `msg_backlog_${i}` as never,
      conversationId: 'conv_backlog',
      createdAt: longAgo,
    })),
  );

  const removed = await retention();

  expect(removed.messages).toBe(1_234);
  expect(
    await relay.db.collection('messages').countDocuments({ conversationId: 'conv_backlog' }),
  ).toBe(0);
});

test('a delivery still retrying is kept, however old', async () => {
  await relay.db.collection('deliveries').insertOne({
    _id: 'dlv_old_retrying' as never,
    status: 'retrying',
    createdAt: new Date(now - 90 * DAY_MS),
  });

  await retention();

  expect(
    await relay.db.collection('deliveries').countDocuments({ _id: 'dlv_old_retrying' as never }),
  ).toBe(1);
});
