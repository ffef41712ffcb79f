import type { RelayDeps } from '../deps.js';
import type { Chatbot } from '../model/chatbot.js';
import { removeWhatHangsOn } from './delete-connection.js';

/**
 * The command that deletes a chatbot with its connections and what hangs on them, as a deleted
 * connection's (`removeWhatHangsOn`). Messages still waiting for its reply are failed by the
 * worker, which finds the chatbot gone and never calls the AI: answers how many there are.
 */
export async function deleteChatbot(
  deps: Pick<RelayDeps, 'store'>,
  { chatbot }: { chatbot: Chatbot },
): Promise<{ failedMessages: number }> {
  const { store } = deps;
  const connectionIds = await store.connections.idsOfChatbot(chatbot.id, chatbot.workspaceId);
  await store.chatbots.delete(chatbot.id, chatbot.workspaceId);
  const waiting = await store.conversations.unansweredOf(connectionIds);
  await removeWhatHangsOn(store, connectionIds);
  await store.connections.deleteMany(connectionIds);
  return { failedMessages: waiting.length };
}
