export interface Chatbot {
  id: string;
  name: string;
  systemPrompt: string;
  model: string;
  temperature: number;
  /** How many earlier messages of the conversation the AI sees. */
  historyLimit: number;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/chatbots`; the relay fills in defaults for what is left out. */
export interface CreateChatbotRequest {
  name: string;
  systemPrompt?: string;
  model?: string;
  temperature?: number;
  historyLimit?: number;
}
