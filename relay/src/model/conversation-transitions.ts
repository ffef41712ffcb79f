import type { Conversation, HistoryEntry } from './conversation.js';
import type { Lease } from './lease.js';

/** The most entries a conversation keeps for the AI (the largest historyLimit a chatbot may set). */
export const MAX_RECENT_TURNS = 200;
/** The fewest it keeps: the default historyLimit, so a limit lowered and raised again finds some. */
const MIN_RECENT_TURNS = 20;
/** And the most characters, so a conversation document stays far below the store's 16 MB. */
const MAX_RECENT_CHARS = 1_000_000;

/**
 * How many entries a conversation keeps: what its chatbot's historyLimit shows the AI. The
 * conversation document is rewritten at every turn, so keeping 200 entries for a chatbot that
 * shows 20 made every message of a long conversation cost the store ten times the writing.
 * A raised historyLimit shows more history as new turns come in.
 */
export function recentToKeep(historyLimit: number | undefined): number {
  return Math.min(MAX_RECENT_TURNS, Math.max(historyLimit ?? 0, MIN_RECENT_TURNS));
}

/** The recent history with new entries added, oldest dropped beyond `keep` entries and the character bound. */
export function appendRecent(
  recent: readonly HistoryEntry[],
  entries: readonly HistoryEntry[],
  keep: number,
): HistoryEntry[] {
  const next = [...recent, ...entries].slice(-Math.max(keep, entries.length));
  let chars = next.reduce((sum, entry) => sum + entry.content.length, 0);
  while (chars > MAX_RECENT_CHARS && next.length > entries.length) {
    chars -= (next.shift() as HistoryEntry).content.length;
  }
  return next;
}

/** A settled turn: its question and reply (none when the reply failed), at `at`. */
export interface TurnOutcome {
  question: { id: string; content: string };
  reply: { id: string; content: string } | null;
  at: Date;
  /** Renewed when another message of the conversation waits here; null lets it go. */
  lease: Lease | null;
}

/** What a conversation keeps: as many recent entries as its chatbot shows the AI. */
export interface TurnPolicy {
  historyLimit: number | undefined;
}

/**
 * The one home of a conversation's state after a turn: the turn appended to its recent
 * history (a failed question kept, marked, so it is never answered again), the next seq, the
 * lease kept or let go. The worker goes on with what this answers, and both stores write
 * what it changed (`turnChange`), only while the worker holds the lease.
 */
export function afterTurn(
  conversation: Conversation,
  outcome: TurnOutcome,
  policy: TurnPolicy,
): Conversation {
  const { question, reply, at } = outcome;
  const entries: HistoryEntry[] = [
    {
      id: question.id,
      role: 'user',
      content: question.content,
      ...(reply ? {} : { failed: true }),
      at,
    },
  ];
  if (reply) entries.push({ id: reply.id, role: 'assistant', content: reply.content, at });
  return {
    ...conversation,
    recent: appendRecent(conversation.recent, entries, recentToKeep(policy.historyLimit)),
    nextSeq: conversation.nextSeq + 1,
    lease: outcome.lease,
    updatedAt: at,
  };
}

/** What a turn changes of a conversation: the fields a store writes, under the lease. */
export type TurnChange = Pick<Conversation, 'recent' | 'nextSeq' | 'lease' | 'updatedAt'>;

/** The fields of `next` (an `afterTurn` answer) that its turn changed. */
export function turnChange(next: Conversation): TurnChange {
  return {
    recent: next.recent,
    nextSeq: next.nextSeq,
    lease: next.lease,
    updatedAt: next.updatedAt,
  };
}
