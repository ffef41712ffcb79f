import type { ChatTurn } from '../ai/responder.js';
import type { HistoryEntry } from '../model/conversation.js';

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

/** What the AI is shown: the last `limit` settled turns, then the question. */
export function historyForAi(
  recent: readonly HistoryEntry[],
  limit: number,
  question: string,
): ChatTurn[] {
  const earlier = limit > 0 ? recent.filter((entry) => !entry.failed).slice(-limit) : [];
  return [
    ...earlier.map((entry) => ({ role: entry.role, content: entry.content })),
    { role: 'user', content: question },
  ];
}
