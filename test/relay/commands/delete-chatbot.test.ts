// The command deleting a chatbot (DELETE /api/chatbots/:id), on the memory store: its
// connections go with their subscriptions, removal records and targets' figures, as a deleted
// connection's do; its messages still waiting for
// a reply are counted (the worker fails them); another chatbot's connections stay.
import { expect, test } from '@jest/globals';
import { createMemoryStore } from '../../../relay/src/store/memory/memory-store.js';
import { deleteChatbot } from '../../../relay/src/workspaces/delete-chatbot.js';
import { acceptance, chatbot, turn } from '../../store/repositories/fixtures.js';
import { remainsOf, storedConnection, targetKeys } from './workspace-objects.js';

test('a chatbot goes with its connections, their subscriptions, removal records and figures', async () => {
  const store = createMemoryStore();
  const bot = chatbot();
  const other = chatbot({ workspaceId: bot.workspaceId });
  await store.chatbots.insert(bot);
  await store.chatbots.insert(other);
  const owned = { workspaceId: bot.workspaceId, chatbotId: bot.id };
  const doomed = [await storedConnection(store, owned), await storedConnection(store, owned)];
  const doomedKeys = await Promise.all(doomed.map((each) => targetKeys(store, each)));
  const kept = await storedConnection(store, { ...owned, chatbotId: other.id });
  const keptBefore = await remainsOf(store, kept, await targetKeys(store, kept));

  await deleteChatbot({ store }, { chatbot: bot });

  expect(await store.chatbots.get(bot.id)).toBeUndefined();
  for (const [index, connection] of doomed.entries()) {
    expect(await remainsOf(store, connection, doomedKeys[index] ?? [])).toEqual({
      connection: undefined,
      subscriptions: [],
      removed: [],
      figures: [],
    });
  }
  expect(await store.chatbots.get(other.id)).toEqual(other);
  expect(await remainsOf(store, kept, await targetKeys(store, kept))).toEqual(keptBefore);
});

test('it answers how many of its messages were still waiting for a reply', async () => {
  const store = createMemoryStore();
  const bot = chatbot({ workspaceId: 'ws_a' });
  await store.chatbots.insert(bot);
  const [first, second] = [
    await storedConnection(store, { workspaceId: 'ws_a', chatbotId: bot.id }),
    await storedConnection(store, { workspaceId: 'ws_a', chatbotId: bot.id }),
  ];
  const waiting = [acceptance({ connectionId: first.id }), acceptance({ connectionId: second.id })];
  const answered = acceptance({ connectionId: first.id });
  await store.conversations.accept([...waiting, answered], new Date());
  const { question, reply } = turn(answered.message);
  await store.conversations.recordMessages([question, reply]);

  expect(await deleteChatbot({ store }, { chatbot: bot })).toEqual({ failedMessages: 2 });
});
