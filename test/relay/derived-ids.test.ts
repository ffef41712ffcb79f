// Ids derived from their parts: the same parts give the same id (a re-run finds what the first
// run stored), and a delivery's id sorts by the time of its source, as generated ids do.
import { expect, test } from '@jest/globals';
import { createIdGenerator } from '../../relay/src/ids/generated-ids.js';
import { conversationIdFor } from '../../relay/src/conversations/conversation-ids.js';
import { derivedId, timeLedId } from '../../relay/src/ids/derived-ids.js';

test('the same parts give the same id, other parts another', () => {
  expect(derivedId('rcv', ['a', 'b'])).toBe(derivedId('rcv', ['a', 'b']));
  expect(derivedId('rcv', ['a', 'b'])).not.toBe(derivedId('rcv', ['ab', '']));
  expect(derivedId('rcv', ['a', 'b'])).toMatch(/^rcv_[0-9a-f]{26}$/);
});

test('ids derived before keep their values: stored conversations and recoveries are found again', () => {
  // Computed with the formulas these ids had before derivedId served them.
  const ids = createIdGenerator();
  expect(conversationIdFor(ids, 'conn_1', 'user-1')).toBe('conv_4cc27ce6e30e110e19de256e2ce03e05');
  expect(derivedId('rcv', ['conn_1', '2026-01-01T00:00:00.000Z', '', ''])).toBe(
    'rcv_1418ff197c7893fb0729e522f6',
  );
});

test('a time-led id is the same for the same source and target, another for another target', () => {
  const source = createIdGenerator(() => 1_700_000_000_000).next('msg');
  const id = timeLedId('dlv', source, ['webhook']);
  expect(timeLedId('dlv', source, ['webhook'])).toBe(id);
  expect(timeLedId('dlv', source, ['sub_1'])).not.toBe(id);
  expect(timeLedId('dlv', `${source}x`, ['webhook'])).not.toBe(id);
});

test('time-led ids sort by their sources’ time, whatever the kind of source', () => {
  let now = 1_700_000_000_000;
  const ids = createIdGenerator(() => now);
  const sources: string[] = [];
  for (const kind of ['msg', 'evt', 'test', 'msg', 'evt']) {
    sources.push(ids.next(kind));
    now += 1;
  }
  const derived = sources.map((source) => timeLedId('dlv', source, ['webhook']));
  expect([...derived].sort()).toEqual(derived);
});
