// What tests read of a relay's store through its ports (on any store, the memory one included),
// where they once read the documents raw.
import type { Store } from '../../relay/src/store/store.js';

/** Later than anything a test accepts. */
const FAR_FUTURE = new Date(8_640_000_000_000_000);

/** Whether every accepted message is finished (answered, its first attempts made). */
export async function nothingPending(store: Store): Promise<boolean> {
  return (await store.conversations.pendingBefore(FAR_FUTURE, 1)).length === 0;
}

/**
 * How many messages with this text a connection holds, waiting or answered: each counted once
 * by its reply's id, which a waiting message names and an answered one's reply carries. For
 * the echo responder, whose reply to `text` is `[echo] text`.
 */
export async function storedQuestions(
  store: Store,
  connectionId: string,
  text: string,
): Promise<number> {
  const waiting = (await store.conversations.pendingBefore(FAR_FUTURE, 10_000)).filter(
    (message) => message.connectionId === connectionId && message.content === text,
  );
  const replies = (await store.conversations.latestReplies(connectionId, 10_000)).filter(
    (reply) => reply.content === `[echo] ${text}`,
  );
  return new Set([...waiting.map((message) => message.replyId), ...replies.map((r) => r.id)]).size;
}

/** The store with every call of a repository method recorded, as `repository.method`. */
export function countingStore(store: Store): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const counted = (name: string, repository: object) =>
    new Proxy(repository, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(property)}`);
          return Reflect.apply(value, target, args) as unknown;
        };
      },
    });
  const wrapped = Object.fromEntries(
    Object.entries(store).map(([name, part]) => [
      name,
      typeof part === 'function' ? part : counted(name, part as object),
    ]),
  ) as unknown as Store;
  return { store: wrapped, calls };
}
