import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { StoreUnavailable } from '../errors.js';

/** A socket error of the store's connection that the driver passes on as it is. */
const SOCKET_ERRORS = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED']);

/** The driver's error as the store's own: a lost or unreachable store is StoreUnavailable. */
export function storeError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const unavailable =
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    (typeof code === 'string' && SOCKET_ERRORS.has(code));
  if (!unavailable) return error;
  return new StoreUnavailable('the store did not answer', { cause: error });
}

/**
 * `target` with every method's failure passed through `storeError`: the edge at which no
 * driver error gets past the MongoDB store (its repositories, and Agenda's writes through the
 * same driver, see main.ts).
 */
export function withStoreErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = Reflect.apply(value, object, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw storeError(error);
            })
          : result;
      };
    },
  });
}
