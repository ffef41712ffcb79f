// The cost of one message in store commands, counted with the driver's command monitoring:
// accept + AI reply + one delivery must take at most 8, whatever is stored already.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { StoreCommand } from '../../relay/src/store/mongo/database.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { startMongoTestRelay, type MongoTestRelay } from '../support/mongo-relay-harness.js';
import { createConnection } from '../support/relay-harness.js';
import { waitFor } from '../support/wait.js';

/** Sent by the driver and Agenda on their own schedule, not by the message path. */
const BACKGROUND = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);

let relay: MongoTestRelay;
let receiver: Receiver;
let connectionId: string;
const commands: StoreCommand[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  relay = await startMongoTestRelay({
    // No sweep during the measurement: it would add its own reads.
    // Nor a health flush: the figures are one write per flush round, counted below.
    settings: { recoveryIntervalMs: 3_600_000, healthFlushMs: 3_600_000 },
    // Warm caches stay warm however slow the machine: the count is the message path's own.
    cacheTtlMs: 3_600_000,
    onCommand: (command) => {
      if (!BACKGROUND.has(command.name) && command.collection !== 'agendaJobs') {
        commands.push(command);
      }
    },
  });
  ({ connectionId } = await createConnection(relay, receiver.url));
  // Agenda runs the hourly retention once at start, about a second in: on a busy machine
  // its reads fell inside a counted message. Its last read is of the idempotency keys (the
  // subscription expiry beside it reads at its start).
  await waitFor(() => commands.some((c) => c.name === 'find' && c.collection === 'idempotency'), {
    what: 'the start-up retention run',
  });
});
afterAll(async () => {
  await relay.close();
  await receiver.close();
});

async function sendAndSettle(message: string): Promise<StoreCommand[]> {
  const before = receiver.requests.length;
  const startedAt = commands.length;
  const response = await fetch(`${relay.url}/api/webhooks/incoming`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ connectionId, message, userId: 'counted-user' }),
  });
  expect(response.status).toBe(202);
  await waitFor(() => receiver.requests.length > before, { what: 'the delivery' });
  // The message is finished when its entry among the unfinished ones is removed.
  await waitFor(
    () =>
      commands
        .slice(startedAt)
        .some((c) => c.name === 'delete' && c.collection === 'pendingMessages'),
    { what: 'the message to be finished' },
  );
  return commands.slice(startedAt);
}

test('accept + reply + one delivery cost at most 8 store commands, all by _id', async () => {
  await sendAndSettle('warm the caches');
  const counted = await sendAndSettle('count me');

  const steps = counted.map((c) => `${c.name} ${c.collection ?? ''}`.trim());
  // The first attempt and the conversation's update run side by side: compare as sets.
  expect([...steps].sort()).toEqual(
    [
      'update conversations', // accept: the conversation, upserted (one bulk write per batch)
      'insert pendingMessages', // accept: the message (one insert per batch)
      'findAndModify conversations', // worker: lease, with the recent history
      'insert messages', // worker: question and reply
      'insert deliveries', // worker: one per target, already claimed for the first attempt
      'update deliveries', // delivery: the attempt recorded
      'update conversations', // worker: the turn in the recent history, the lease released
      'delete pendingMessages', // the message finished
    ].sort(),
  );
  expect(counted.length).toBeLessThanOrEqual(8);
});

test('the cost does not grow with the conversation or the store', async () => {
  for (let i = 0; i < 20; i++) await sendAndSettle(`filler ${i}`);
  const counted = await sendAndSettle('still cheap');
  expect(counted.length).toBeLessThanOrEqual(8);
  expect(counted.filter((c) => c.name === 'find' || c.name === 'aggregate')).toEqual([]);
});

test('health figures add one write per flush round, however many attempts it holds', async () => {
  await relay.relay.services.health.flush();
  const messages = 12;
  const before = receiver.requests.length;
  await Promise.all(
    Array.from({ length: messages }, (_, i) =>
      fetch(`${relay.url}/api/webhooks/incoming`, {
        method: 'POST',
        headers: { authorization: `Bearer ${relay.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ connectionId, message: `burst ${i}`, userId: `burst-${i}` }),
      }),
    ),
  );
  await waitFor(() => receiver.requests.length >= before + messages, { what: 'the burst' });
  // Every first attempt recorded (a message is finished only after its attempts are).
  await waitFor(
    async () => (await relay.db.collection('pendingMessages').countDocuments({})) === 0,
    { what: 'the burst finished' },
  );
  const startedAt = commands.length;

  await relay.relay.services.health.flush();

  const health = commands.slice(startedAt).filter((c) => c.collection === 'targetHealth');
  // Every attempt succeeded: no pause check reads; the one write carries them all.
  expect(health.map((c) => c.name)).toEqual(['update']);
  const [stored] = await relay.db
    .collection('targetHealth')
    .find({ _id: `${connectionId}:webhook` } as object)
    .toArray();
  const hours = Object.values(stored?.hours as Record<string, { attempts: number }>);
  // The 23 messages of the tests above, then the burst.
  expect(hours.reduce((sum, hour) => sum + hour.attempts, 0)).toBe(23 + messages);
});
