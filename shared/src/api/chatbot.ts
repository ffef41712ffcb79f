export interface Chatbot {
  id: string;
  name: string;
  systemPrompt: string;
  model: string;
  temperature: number;
  /**
   * How many earlier messages of the conversation the AI sees (0–200, default 20). The relay
   * keeps that many (at least 20), so a raised limit shows more as new messages come in.
   */
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
