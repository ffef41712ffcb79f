import type { ChatTurn } from '../ai/responder.js';
import type { HistoryEntry } from '../model/conversation.js';

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
