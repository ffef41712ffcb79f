import type { Chatbot, ChatbotChanges } from '../../model/chatbot.js';
import type { ChatbotRepository } from '../chatbots.js';
import type { TtlCache } from './cache.js';
import { insertNew, type Collections } from './database.js';
import { fromDoc, toDoc } from './mapping.js';

/** The worker reads chatbots through a short-lived cache. */
export class MongoChatbotRepository implements ChatbotRepository {
  constructor(
    private readonly c: Pick<Collections, 'chatbots'>,
    private readonly cache: TtlCache<Chatbot | null>,
  ) {}

  async list(workspaceId: string): Promise<Chatbot[]> {
    const docs = await this.c.chatbots.find({ workspaceId }).sort({ createdAt: 1 }).toArray();
    return docs.map(fromDoc);
  }

  insert(chatbot: Chatbot): Promise<void> {
    return insertNew(this.c.chatbots, toDoc(chatbot));
  }

  async owned(id: string, workspaceId: string): Promise<Chatbot | undefined> {
    const chatbot = await this.get(id);
    return chatbot?.workspaceId === workspaceId ? chatbot : undefined;
  }

  /** Cached. */
  async get(id: string): Promise<Chatbot | undefined> {
    const found = await this.cache.read(id, async () => {
      const doc = await this.c.chatbots.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    });
    return found ?? undefined;
  }

  async update(
    id: string,
    workspaceId: string,
    changes: ChatbotChanges,
    at: Date,
  ): Promise<Chatbot | undefined> {
    this.cache.delete(id);
    const before = await this.c.chatbots.findOneAndUpdate(
      { _id: id, workspaceId },
      { $set: { ...changes, updatedAt: at } },
    );
    this.cache.delete(id);
    return before ? { ...fromDoc(before), ...changes, updatedAt: at } : undefined;
  }

  async delete(id: string, workspaceId: string): Promise<boolean> {
    const result = await this.c.chatbots.deleteOne({ _id: id, workspaceId });
    this.cache.delete(id);
    return result.deletedCount > 0;
  }
}
