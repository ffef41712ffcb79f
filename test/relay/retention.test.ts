// Retention: settled messages, finished deliveries and expired idempotency keys older than
// RELAY_RETENTION_DAYS are removed in small batches; what is newer, or unfinished, stays.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { applyRetention } from '../../relay/src/jobs/retention.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { nothingPending } from '../support/store-reads.js';
import { waitFor } from '../support/wait.js';
import { acceptance, delivery, turn } from '../store/repositories/fixtures.js';

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
  await waitFor(() => nothingPending(relay.store), { what: `${message} finished` });
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
  const { conversations } = relay.store;
  for (const id of old) expect(await conversations.findMessage(id)).toBeUndefined();
  expect(await conversations.findMessage(recent)).toBeDefined();
  const log = await relay.api(`/api/connections/${connectionId}/deliveries`);
  expect(log.body.data).toHaveLength(1);
  expect(log.body.retentionDays).toBe(30);
  expect(log.body.availableSince).toBe(new Date(now - 30 * DAY_MS).toISOString());
});

test('a large backlog is removed completely, batch by batch', async () => {
  const longAgo = new Date(now - 90 * DAY_MS);
  const backlog = Array.from({ length: 617 }, (_, i) => {
    const { message } = acceptance({ id: `msg_backlog_${i}`, acceptedAt: longAgo });
    const { question, reply } = turn(message);
    return [question, reply];
  }).flat();
  await relay.store.conversations.recordMessages(backlog);

  const removed = await retention();

  expect(removed.messages).toBe(1_234);
  for (const message of backlog) {
    expect(await relay.store.conversations.findMessage(message.id)).toBeUndefined();
  }
});

test('a delivery still retrying is kept, however old', async () => {
  await relay.store.deliveries.createMany([
    delivery({
      id: 'dlv_old_retrying',
      status: 'retrying',
      createdAt: new Date(now - 90 * DAY_MS),
    }),
  ]);

  await retention();

  expect(await relay.store.deliveries.get('dlv_old_retrying')).toBeDefined();
});
