import { describe, expect, test } from '@jest/globals';
import type { Store } from '../../../relay/src/store/store.js';
import { acceptance, at, race, T0, times, uid } from './fixtures.js';

const lease = (owner: string, until = at(30_000)) => ({ owner, until });

export function conversationTests(store: () => Store): void {
  describe('conversations: leases and turns', () => {
    test('accepting makes the conversation once and stores the message once', async () => {
      const { conversations } = store();
      const first = acceptance();
      const { conversationId, connectionId } = first.message;
      const second = acceptance({ conversationId, connectionId, acceptedAt: at(1) });

      expect(await conversations.accept([first, second], at(1))).toEqual([true, true]);
      // Again (a retried batch), and with other fields: nothing is overwritten.
      const changed = { ...first.conversation, chatbotId: 'bot_other' };
      expect(await conversations.accept([{ ...first, conversation: changed }], at(2))).toEqual([
        true,
      ]);

      expect(await conversations.owned(first.conversation.id, 'ws_a')).toEqual({
        ...first.conversation,
        nextSeq: 0,
        recent: [],
        lease: null,
        updatedAt: at(1),
      });
      expect(await conversations.owned(first.conversation.id, uid('ws'))).toBeUndefined();
      const { waiting } = await conversations.transcript(first.conversation.id);
      expect(waiting).toEqual([first.message, second.message]);
    });

    test('a lease is taken, renewed by its owner, respected by others, taken over once it ran out', async () => {
      const { conversations } = store();
      const { conversation, message } = acceptance();
      await conversations.accept([{ conversation, message }], T0);

      const taken = await conversations.lease(conversation.id, lease('a'), at(1));
      expect(taken).toMatchObject({ state: 'taken', previous: null });
      expect(await conversations.lease(conversation.id, lease('b'), at(2))).toEqual({
        state: 'held',
      });
      expect(await conversations.lease(conversation.id, lease('a', at(40_000)), at(3))).toEqual({
        state: 'taken',
        conversation: { ...conversation, nextSeq: 0, recent: [], lease: lease('a'), updatedAt: T0 },
        previous: lease('a'),
      });
      expect(await conversations.renewLease(conversation.id, lease('b'))).toBe(false);
      expect(await conversations.renewLease(conversation.id, lease('a', at(50_000)))).toBe(true);
      const overtaken = await conversations.lease(
        conversation.id,
        lease('b', at(90_000)),
        at(50_001),
      );
      expect(overtaken).toMatchObject({ state: 'taken', previous: lease('a', at(50_000)) });
      expect(await conversations.lease(uid('conv'), lease('a'), at(1))).toEqual({
        state: 'missing',
      });
    });

    test('of many taking one lease at once, exactly one gets it', async () => {
      const { conversations } = store();
      const { conversation, message } = acceptance();
      await conversations.accept([{ conversation, message }], T0);

      const { values } = await race(
        times(12).map((i) => () => conversations.lease(conversation.id, lease(`p${i}`), at(1))),
      );

      expect(values.filter((result) => result.state === 'taken')).toHaveLength(1);
      expect(values.filter((result) => result.state === 'held')).toHaveLength(11);
    });

    test('a turn is settled and a lease released only by the lease holder', async () => {
      const { conversations } = store();
      const { conversation, message } = acceptance();
      await conversations.accept([{ conversation, message }], T0);
      await conversations.lease(conversation.id, lease('a'), at(1));
      const recent = [{ id: message.id, role: 'user' as const, content: 'Hello', at: at(5) }];
      const taken = await conversations.owned(conversation.id, 'ws_a');
      if (!taken) throw new Error('no conversation');
      const next = { ...taken, recent, nextSeq: 1, updatedAt: at(5) };

      await conversations.settleTurn('b', { ...next, lease: null });
      await conversations.release(conversation.id, 'b');
      const untouched = await conversations.owned(conversation.id, 'ws_a');
      expect(untouched).toMatchObject({ nextSeq: 0, recent: [], lease: lease('a') });

      await conversations.settleTurn('a', { ...next, lease: lease('a', at(60_000)) });
      const settled = await conversations.owned(conversation.id, 'ws_a');
      expect(settled).toMatchObject({ nextSeq: 1, recent, lease: lease('a', at(60_000)) });
      expect(settled?.updatedAt).toEqual(at(5));
      await conversations.release(conversation.id, 'a');
      expect((await conversations.owned(conversation.id, 'ws_a'))?.lease).toBeNull();
    });
  });
}
