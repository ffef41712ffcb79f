import type { ChatTurn } from '../ai/responder.js';
import type { HistoryEntry } from '../store/documents.js';

/** The most turns a conversation keeps for the AI (the largest historyLimit a chatbot may set). */
export const MAX_RECENT_TURNS = 200;
/** And the most characters, so a conversation document stays far below the store's 16 MB. */
const MAX_RECENT_CHARS = 1_000_000;

/** The recent history with new entries added, oldest dropped beyond the bounds. */
export function appendRecent(
  recent: readonly HistoryEntry[],
  entries: readonly HistoryEntry[],
): HistoryEntry[] {
  const next = [...recent, ...entries].slice(-MAX_RECENT_TURNS);
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
