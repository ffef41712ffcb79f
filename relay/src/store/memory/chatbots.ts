import type { Chatbot, ChatbotChanges } from '../../model/chatbot.js';
import type { ChatbotRepository } from '../chatbots.js';
import { answer, changeOwned, oldestFirst, ownedBy, Table } from './table.js';

export class MemoryChatbotRepository implements ChatbotRepository {
  private readonly chatbots = new Table<Chatbot>('chatbots');

  list(workspaceId: string): Promise<Chatbot[]> {
    return answer(() => oldestFirst(this.chatbots.find((bot) => bot.workspaceId === workspaceId)));
  }

  insert(chatbot: Chatbot): Promise<void> {
    return answer(() => {
      this.chatbots.insert(chatbot);
    });
  }

  owned(id: string, workspaceId: string): Promise<Chatbot | undefined> {
    return answer(() => ownedBy(this.chatbots.get(id), workspaceId));
  }

  get(id: string): Promise<Chatbot | undefined> {
    return answer(() => this.chatbots.get(id));
  }

  update(
    id: string,
    workspaceId: string,
    changes: ChatbotChanges,
    at: Date,
  ): Promise<Chatbot | undefined> {
    return answer(() => changeOwned(this.chatbots, id, workspaceId, { ...changes, updatedAt: at }));
  }

  delete(id: string, workspaceId: string): Promise<boolean> {
    return answer(() => this.chatbots.delete(id, (bot) => bot.workspaceId === workspaceId));
  }
}
