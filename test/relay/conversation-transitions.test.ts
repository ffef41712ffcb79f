// A conversation's state after a turn, pure: both stores write what `afterTurn` answers and the
// worker goes on with it. The recent history it keeps for the AI is what its chatbot shows, so
// a long conversation does not make every turn rewrite 200 entries.
import { expect, test } from '@jest/globals';
import {
  afterTurn,
  appendRecent,
  MAX_RECENT_TURNS,
  recentToKeep,
  turnChange,
} from '../../relay/src/model/conversation-transitions.js';
import { historyForAi } from '../../relay/src/conversations/history.js';
import type { Conversation, HistoryEntry } from '../../relay/src/model/conversation.js';

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

const conversation: Conversation = {
  id: 'conv_t',
  workspaceId: 'ws',
  connectionId: 'conn',
  chatbotId: 'bot',
  userId: 'u',
  nextSeq: 7,
  recent: entries(0, 40),
  lease: { owner: 'relay_a', until: new Date(at.getTime() + 30_000) },
  createdAt: at,
  updatedAt: at,
};
const later = new Date(at.getTime() + 5_000);
const question = { id: 'msg_q', content: 'Hi?' };
const reply = { id: 'msg_r', content: '[echo] Hi?' };

test('a turn answered: question and reply appended, the next seq, the lease let go', () => {
  const next = afterTurn(
    conversation,
    { question, reply, at: later, lease: null },
    { historyLimit: 30 },
  );

  expect(next).toEqual({
    ...conversation,
    recent: [
      ...entries(12, 40),
      { id: 'msg_q', role: 'user', content: 'Hi?', at: later },
      { id: 'msg_r', role: 'assistant', content: '[echo] Hi?', at: later },
    ],
    nextSeq: 8,
    lease: null,
    updatedAt: later,
  });
});

test('a turn failed: the question kept, marked failed, never shown to the AI again', () => {
  const kept = { owner: 'relay_a', until: new Date(later.getTime() + 30_000) };
  const next = afterTurn(
    conversation,
    { question, reply: null, at: later, lease: kept },
    { historyLimit: 30 },
  );

  expect(next.recent.at(-1)).toEqual({
    id: 'msg_q',
    role: 'user',
    content: 'Hi?',
    failed: true,
    at: later,
  });
  expect(next.recent.map((e) => e.id)).not.toContain('msg_r');
  expect(next.lease).toEqual(kept);
  expect(historyForAi(next.recent, 30, 'again').map((turn) => turn.content)).not.toContain('Hi?');
});

test('a chatbot deleted meanwhile: the default 20 entries kept', () => {
  const next = afterTurn(
    conversation,
    { question, reply: null, at: later, lease: null },
    { historyLimit: undefined },
  );

  expect(next.recent).toHaveLength(20);
});

test('what a store writes is the fields a turn changes, no more', () => {
  const next = afterTurn(
    conversation,
    { question, reply, at: later, lease: null },
    { historyLimit: 30 },
  );

  expect(turnChange(next)).toEqual({
    recent: next.recent,
    nextSeq: 8,
    lease: null,
    updatedAt: later,
  });
});
