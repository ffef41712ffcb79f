import type { MessageDoc, PendingMessageDoc } from './documents.js';
import type { Collections } from './mongo.js';

/** A message sent to the relay as the lookup finds it: settled with its reply, or waiting. */
export type FoundMessage =
  | { state: 'settled'; question: MessageDoc; reply: MessageDoc | null }
  | { state: 'waiting'; question: PendingMessageDoc };

/** Reads of single messages for the API's lookups (Zapier's "Find Reply"); all by _id. */
export class MessageLookupRepository {
  constructor(private readonly c: Pick<Collections, 'pendingMessages' | 'messages'>) {}

  /** Undefined for an unknown id, another workspace's, or a reply's own id. */
  async ownedQuestion(id: string, workspaceId: string): Promise<FoundMessage | undefined> {
    const settled = await this.c.messages.findOne({ _id: id, workspaceId, role: 'user' });
    if (settled) {
      const reply = settled.replyId
        ? await this.c.messages.findOne({ _id: settled.replyId })
        : null;
      return { state: 'settled', question: settled, reply };
    }
    const waiting = await this.c.pendingMessages.findOne({ _id: id, workspaceId });
    return waiting ? { state: 'waiting', question: waiting } : undefined;
  }
}
