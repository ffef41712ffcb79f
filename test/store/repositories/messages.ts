import { describe, expect, test } from '@jest/globals';
import type { Store } from '../../../relay/src/store/store.js';
import { acceptance, at, turn, uid } from './fixtures.js';

export function messageTests(store: () => Store): void {
  describe('conversations: messages', () => {
    test('settled messages are written once and found by id', async () => {
      const { conversations } = store();
      const { question, reply } = turn(acceptance().message);

      await conversations.recordMessages([question, reply]);
      await conversations.recordMessages([question, reply]);

      expect(await conversations.findMessage(question.id)).toEqual(question);
      expect(await conversations.findMessage(reply.id)).toEqual(reply);
      expect(await conversations.findMessage(uid('msg'))).toBeUndefined();
    });

    test('the transcript: the history by seq, then what still waits, oldest first', async () => {
      const { conversations } = store();
      const conversationId = uid('conv');
      const answered = acceptance({ conversationId, acceptedAt: at(1) });
      const waitingLater = acceptance({ conversationId, acceptedAt: at(3) });
      const waitingEarlier = acceptance({ conversationId, acceptedAt: at(2) });
      await conversations.accept([answered, waitingLater, waitingEarlier], at(3));
      const { question, reply } = turn(answered.message);
      await conversations.recordMessages([reply, question]);

      expect(await conversations.transcript(conversationId)).toEqual({
        settled: [question, reply],
        waiting: [waitingEarlier.message, waitingLater.message],
      });
    });

    test('pending work: found by when it was accepted, finished once answered', async () => {
      const { conversations } = store();
      const old = acceptance({ acceptedAt: at(-60_000) });
      const fresh = acceptance({ acceptedAt: at(0) });
      await conversations.accept([old, fresh], at(0));

      const before = await conversations.pendingBefore(at(-1), 1_000);
      expect(before.map((m) => m.id)).toContain(old.message.id);
      expect(before.map((m) => m.id)).not.toContain(fresh.message.id);
      expect(await conversations.pendingBefore(at(1), 1)).toHaveLength(1);
      await conversations.finishPending(old.message.id);
      const after = await conversations.pendingBefore(at(-1), 1_000);
      expect(after.map((m) => m.id)).not.toContain(old.message.id);
    });

    test("a connection's latest replies, newest first", async () => {
      const { conversations } = store();
      const connectionId = uid('conn');
      const turns = [1, 3, 2].map((second) =>
        turn(acceptance({ connectionId, acceptedAt: at(second * 1_000) }).message),
      );
      await conversations.recordMessages(turns.flatMap(({ question, reply }) => [question, reply]));

      const latest = await conversations.latestReplies(connectionId, 2);

      expect(latest.map((m) => m.id)).toEqual([turns[1]?.reply.id, turns[2]?.reply.id]);
      expect(await conversations.latestReplies(uid('conn'), 5)).toEqual([]);
    });

    test('unanswered messages of connections: neither the question nor its reply recorded', async () => {
      const { conversations } = store();
      const connectionId = uid('conn');
      const open = acceptance({ connectionId });
      const questionOnly = acceptance({ connectionId });
      const replied = acceptance({ connectionId });
      await conversations.accept([open, questionOnly, replied], at(0));
      await conversations.recordMessages([turn(questionOnly.message).question]);
      await conversations.recordMessages([turn(replied.message).reply]);

      expect(await conversations.unansweredOf([connectionId])).toEqual([open.message]);
      expect(await conversations.unansweredOf([uid('conn')])).toEqual([]);
    });

    test('settled messages before a cutoff are removed, at most `limit` at a time', async () => {
      const { conversations } = store();
      const old = [1, 2, 3].map(() => turn(acceptance({ acceptedAt: at(-1_000_000) }).message));
      const kept = turn(acceptance({ acceptedAt: at(0) }).message);
      await conversations.recordMessages([...old.map((t) => t.question), kept.question]);

      expect(await conversations.removeMessagesBefore(at(-999_999), 2)).toBe(2);
      expect(await conversations.removeMessagesBefore(at(-999_999), 2)).toBe(1);
      expect(await conversations.findMessage(kept.question.id)).toEqual(kept.question);
      for (const { question } of old)
        expect(await conversations.findMessage(question.id)).toBeUndefined();
    });
  });

  describe('message lookups', () => {
    test('a question: settled with its reply, or waiting; not a reply, not another workspace', async () => {
      const { conversations, messages } = store();
      const settled = acceptance();
      const waiting = acceptance();
      await conversations.accept([settled, waiting], at(0));
      const { question, reply } = turn(settled.message);
      await conversations.recordMessages([question, reply]);

      expect(await messages.ownedQuestion(question.id, 'ws_a')).toEqual({
        state: 'settled',
        question,
        reply,
      });
      expect(await messages.ownedQuestion(waiting.message.id, 'ws_a')).toEqual({
        state: 'waiting',
        question: waiting.message,
      });
      expect(await messages.ownedQuestion(reply.id, 'ws_a')).toBeUndefined();
      expect(await messages.ownedQuestion(question.id, uid('ws'))).toBeUndefined();
      expect(await messages.ownedQuestion(uid('msg'), 'ws_a')).toBeUndefined();
    });
  });
}
