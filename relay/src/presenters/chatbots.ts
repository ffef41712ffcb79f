import type * as api from '@fourthchat/shared';
import type { Chatbot } from '../model/chatbot.js';

/** The API's chatbot (presenters turn the relay's objects into the API's, never with a secret). */
export function chatbotView(doc: Chatbot): api.Chatbot {
  return {
    id: doc.id,
    name: doc.name,
    systemPrompt: doc.systemPrompt,
    model: doc.model,
    temperature: doc.temperature,
    historyLimit: doc.historyLimit,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
