// The one batching mechanism (store/batching.ts): the MongoDB repositories' coalesced writes and
// the accept batches. Pure: the writes are functions the test answers when it chooses.
import { describe, expect, test } from '@jest/globals';
import { Batcher, spans } from '../../relay/src/store/batching.js';

/** A write the test settles by hand: what each call got, and how many ran at once. */
function heldWrites() {
  const calls: { items: number[]; settle(error?: Error): void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      calls.push({
        items,
        settle(error) {
          running -= 1;
          if (error) reject(error);
          else resolve(items.map((item) => `wrote ${String(item)}`));
        },
      });
    });
  return { calls, write, mostAtOnce: () => mostAtOnce };
}

/** Lets the batcher's setImmediate and the promise callbacks run. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a batcher', () => {
  test('what is submitted in one turn is one write; each caller gets its own result', async () => {
    const writes = heldWrites();
    const batcher = new Batcher(writes.write);

    const answers = [1, 2, 3].map((item) => batcher.submit(item));
    await nextTurn();
    expect(writes.calls.map((call) => call.items)).toEqual([[1, 2, 3]]);
    writes.calls[0]?.settle();

    await expect(Promise.all(answers)).resolves.toEqual(['wrote 1', 'wrote 2', 'wrote 3']);
  });

  test('a failed write fails every caller of its batch, and only those', async () => {
    const writes = heldWrites();
    const batcher = new Batcher(writes.write);
    const first = batcher.submit(1);
    await nextTurn();
    const second = batcher.submit(2);
    await nextTurn();

    writes.calls[0]?.settle(new Error('store gone'));
    writes.calls[1]?.settle();

    await expect(first).rejects.toThrow('store gone');
    await expect(second).resolves.toBe('wrote 2');
  });

  test('beyond maxBatch, the rest goes in further writes, at once', async () => {
    const writes = heldWrites();
    const batcher = new Batcher(writes.write, { maxBatch: 2 });

    const answers = [1, 2, 3, 4, 5].map((item) => batcher.submit(item));
    await nextTurn();

    expect(writes.calls.map((call) => call.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(writes.mostAtOnce()).toBe(3);
    for (const call of writes.calls) call.settle();
    await expect(Promise.all(answers)).resolves.toHaveLength(5);
  });

  test('serial: one write at a time; what arrives meanwhile is the next batch', async () => {
    const writes = heldWrites();
    const batcher = new Batcher(writes.write, { serial: true, maxBatch: 2 });

    // How each caller's answer ended, in order.
    const outcome = (item: number) =>
      batcher.submit(item).then(
        () => 'written',
        () => 'failed',
      );
    const answers = [1, 2, 3].map(outcome);
    await nextTurn();
    answers.push(outcome(4), outcome(5));
    await nextTurn();
    expect(writes.calls.map((call) => call.items)).toEqual([[1, 2]]);

    writes.calls[0]?.settle(new Error('refused'));
    await nextTurn();
    expect(writes.calls.map((call) => call.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    writes.calls[1]?.settle();
    await nextTurn();
    writes.calls[2]?.settle();

    expect(await Promise.all(answers)).toEqual([
      'failed',
      'failed',
      'written',
      'written',
      'written',
    ]);
    expect(writes.calls.map((call) => call.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(writes.mostAtOnce()).toBe(1);
  });
});

test('spans: which positions of a flat write were whose', () => {
  expect(spans([2, 0, 3])).toEqual([
    { from: 0, to: 2 },
    { from: 2, to: 2 },
    { from: 2, to: 5 },
  ]);
});
