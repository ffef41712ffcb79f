import type { Message, PendingMessage } from '../model/message.js';

/** A message sent to the relay as the lookup finds it: settled with its reply, or waiting. */
export type FoundMessage =
  | { state: 'settled'; question: Message; reply: Message | undefined }
  | { state: 'waiting'; question: PendingMessage };

/** Reads of single messages for the API's lookups (Zapier's "Find Reply"). */
export interface MessageLookupRepository {
  /** Undefined for an unknown id, another workspace's, or a reply's own id. */
  ownedQuestion(id: string, workspaceId: string): Promise<FoundMessage | undefined>;
}
