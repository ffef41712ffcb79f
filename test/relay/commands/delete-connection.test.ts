// The command deleting a connection (DELETE /api/connections/:id), on the memory store: the
// connection goes with its subscriptions, its removal records and its targets' figures; the
// workspace's other connections keep theirs.
import { expect, test } from '@jest/globals';
import { createMemoryStore } from '../../../relay/src/store/memory/memory-store.js';
import { deleteConnection } from '../../../relay/src/workspaces/delete-connection.js';
import { acceptance, uid } from '../../store/repositories/fixtures.js';
import { remainsOf, storedConnection, targetKeys } from './workspace-objects.js';

test('a connection goes with its subscriptions, removal records and targets’ figures', async () => {
  const store = createMemoryStore();
  const workspaceId = uid('ws');
  const doomed = await storedConnection(store, { workspaceId });
  const kept = await storedConnection(store, { workspaceId });
  const [doomedKeys, keptKeys] = [await targetKeys(store, doomed), await targetKeys(store, kept)];
  const keptBefore = await remainsOf(store, kept, keptKeys);

  await deleteConnection({ store }, { connection: doomed });

  expect(await remainsOf(store, doomed, doomedKeys)).toEqual({
    connection: undefined,
    subscriptions: [],
    removed: [],
    figures: [],
  });
  expect(await remainsOf(store, kept, keptKeys)).toEqual(keptBefore);
  expect(keptBefore.figures).toHaveLength(3);
});

test('its messages are left to retention: a message sent through it is still found', async () => {
  const store = createMemoryStore();
  const doomed = await storedConnection(store, { workspaceId: 'ws_a' });
  const { conversation, message } = acceptance({ connectionId: doomed.id });
  await store.conversations.accept([{ conversation, message }], new Date());

  await deleteConnection({ store }, { connection: doomed });

  expect(await store.messages.ownedQuestion(message.id, 'ws_a')).toMatchObject({
    state: 'waiting',
  });
});
