// The cost of one message in store commands, counted with the driver's command monitoring:
// accept + AI reply + one delivery must take at most 8, whatever is stored already.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { StoreCommand } from '../../relay/src/store/mongo.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection, startTestRelay, type TestRelay } from '../support/relay-harness.js';
import { waitFor } from '../support/wait.js';

/** Sent by the driver and Agenda on their own schedule, not by the message path. */
const BACKGROUND = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);

let relay: TestRelay;
let receiver: Receiver;
let connectionId: string;
const commands: StoreCommand[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  relay = await startTestRelay({
    // No sweep during the measurement: it would add its own reads.
    settings: { recoveryIntervalMs: 3_600_000 },
    // Warm caches stay warm however slow the machine: the count is the message path's own.
    cacheTtlMs: 3_600_000,
    onCommand: (command) => {
      if (!BACKGROUND.has(command.name) && command.collection !== 'agendaJobs') {
        commands.push(command);
      }
    },
  });
  ({ connectionId } = await createConnection(relay, receiver.url));
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
