import type { Chatbot, ChatbotChanges } from '../model/chatbot.js';

export interface ChatbotRepository {
  /** Oldest first. */
  list(workspaceId: string): Promise<Chatbot[]>;
  /** AlreadyExists when the id is taken. */
  insert(chatbot: Chatbot): Promise<void>;
  /** The chatbot if it belongs to the workspace. */
  owned(id: string, workspaceId: string): Promise<Chatbot | undefined>;
  /** By id: the conversation worker asks for every message. */
  get(id: string): Promise<Chatbot | undefined>;
  /** The chatbot after the change; undefined when it is not the workspace's (or gone). */
  update(
    id: string,
    workspaceId: string,
    changes: ChatbotChanges,
    at: Date,
  ): Promise<Chatbot | undefined>;
  delete(id: string, workspaceId: string): Promise<boolean>;
}
