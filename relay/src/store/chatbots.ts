import type { TtlCache } from './cache.js';
import type { ChatbotDoc } from './documents.js';
import type { Collections } from './mongo.js';

export type ChatbotChanges = Partial<
  Pick<ChatbotDoc, 'name' | 'systemPrompt' | 'model' | 'temperature' | 'historyLimit'>
>;

/** Chatbots; the worker reads them through a short-lived cache. */
export class ChatbotRepository {
  constructor(
    private readonly c: Pick<Collections, 'chatbots'>,
    private readonly cache: TtlCache<ChatbotDoc | null>,
  ) {}

  list(workspaceId: string): Promise<ChatbotDoc[]> {
    return this.c.chatbots.find({ workspaceId }).sort({ createdAt: 1 }).toArray();
  }

  async insert(doc: ChatbotDoc): Promise<void> {
    await this.c.chatbots.insertOne(doc);
  }

  /** The chatbot if it belongs to the workspace. */
  async owned(id: string, workspaceId: string): Promise<ChatbotDoc | undefined> {
    const doc = await this.get(id);
    return doc?.workspaceId === workspaceId ? doc : undefined;
  }

  /** By id, cached: the conversation worker asks for every message. */
  async get(id: string): Promise<ChatbotDoc | undefined> {
    return (await this.cache.read(id, () => this.c.chatbots.findOne({ _id: id }))) ?? undefined;
  }

  async update(
    id: string,
    workspaceId: string,
    changes: ChatbotChanges,
    at: Date,
  ): Promise<ChatbotDoc | undefined> {
    this.cache.delete(id);
    const before = await this.c.chatbots.findOneAndUpdate(
      { _id: id, workspaceId },
      { $set: { ...changes, updatedAt: at } },
    );
    this.cache.delete(id);
    return before ? { ...before, ...changes, updatedAt: at } : undefined;
  }

  async delete(id: string, workspaceId: string): Promise<boolean> {
    const result = await this.c.chatbots.deleteOne({ _id: id, workspaceId });
    this.cache.delete(id);
    return result.deletedCount > 0;
  }
}
