import { describe, expect, test } from '@jest/globals';
import { AlreadyExists } from '../../../relay/src/store/errors.js';
import type { Store } from '../../../relay/src/store/store.js';
import { at, chatbot, uid } from './fixtures.js';

export function chatbotTests(store: () => Store): void {
  describe('chatbots', () => {
    test('inserted, read by id and within its workspace only, listed oldest first', async () => {
      const { chatbots } = store();
      const workspaceId = uid('ws');
      const newer = chatbot({ workspaceId, createdAt: at(2_000) });
      const older = chatbot({ workspaceId, createdAt: at(1_000) });
      await chatbots.insert(newer);
      await chatbots.insert(older);
      await chatbots.insert(chatbot());

      expect(await chatbots.get(newer.id)).toEqual(newer);
      expect(await chatbots.owned(newer.id, workspaceId)).toEqual(newer);
      expect(await chatbots.owned(newer.id, uid('ws'))).toBeUndefined();
      expect(await chatbots.get(uid('bot'))).toBeUndefined();
      expect(await chatbots.list(workspaceId)).toEqual([older, newer]);
      await expect(chatbots.insert(older)).rejects.toThrow(AlreadyExists);
    });

    test('an update answers the chatbot after it, and only in its workspace', async () => {
      const { chatbots } = store();
      const bot = chatbot();
      await chatbots.insert(bot);

      const changed = await chatbots.update(bot.id, bot.workspaceId, { name: 'New' }, at(5_000));
      const elsewhere = await chatbots.update(bot.id, uid('ws'), { name: 'Stolen' }, at(6_000));

      expect(changed).toEqual({ ...bot, name: 'New', updatedAt: at(5_000) });
      expect(elsewhere).toBeUndefined();
      expect(await chatbots.get(bot.id)).toEqual(changed);
      expect(await chatbots.update(uid('bot'), bot.workspaceId, {}, at(0))).toBeUndefined();
    });

    test('deleted once, and only by its workspace', async () => {
      const { chatbots } = store();
      const bot = chatbot();
      await chatbots.insert(bot);

      expect(await chatbots.delete(bot.id, uid('ws'))).toBe(false);
      expect(await chatbots.delete(bot.id, bot.workspaceId)).toBe(true);
      expect(await chatbots.delete(bot.id, bot.workspaceId)).toBe(false);
      expect(await chatbots.get(bot.id)).toBeUndefined();
    });
  });
}
