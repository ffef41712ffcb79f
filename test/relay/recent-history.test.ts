// The recent history a conversation document keeps for the AI: what its chatbot shows, so a
// long conversation does not make every turn rewrite 200 entries.
import { expect, test } from '@jest/globals';
import {
  appendRecent,
  historyForAi,
  MAX_RECENT_TURNS,
  recentToKeep,
} from '../../relay/src/conversations/history.js';
import type { HistoryEntry } from '../../relay/src/model/conversation.js';

const at = new Date(1_764_000_000_000);
const entry = (i: number): HistoryEntry => ({
  id: `msg_${i}`,
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `turn ${i}`,
  at,
});
const entries = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => entry(from + i));

test('keeps what the chatbot shows the AI, at least the default 20, at most 200', () => {
  expect(recentToKeep(50)).toBe(50);
  expect(recentToKeep(2)).toBe(20);
  expect(recentToKeep(0)).toBe(20);
  expect(recentToKeep(undefined)).toBe(20);
  expect(recentToKeep(1_000)).toBe(MAX_RECENT_TURNS);
});

test('a turn added to a full history drops the oldest entries, the AI still sees its limit', () => {
  let recent: HistoryEntry[] = [];
  for (let i = 0; i < 100; i += 2) recent = appendRecent(recent, entries(i, i + 2), 30);

  expect(recent.map((e) => e.id)).toEqual(entries(70, 100).map((e) => e.id));
  expect(historyForAi(recent, 30, 'next?')).toHaveLength(31);
});

test('a smaller keep trims a history kept longer before; both entries of a turn always stay', () => {
  const long = entries(0, 200);
  expect(appendRecent(long, entries(200, 202), 20).map((e) => e.id)).toEqual(
    entries(182, 202).map((e) => e.id),
  );
  expect(appendRecent(long, entries(200, 202), 1)).toHaveLength(2);
});
