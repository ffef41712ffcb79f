export interface Chatbot {
  id: string;
  workspaceId: string;
  name: string;
  systemPrompt: string;
  model: string;
  temperature: number;
  historyLimit: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ChatbotChanges = Partial<
  Pick<Chatbot, 'name' | 'systemPrompt' | 'model' | 'temperature' | 'historyLimit'>
>;
