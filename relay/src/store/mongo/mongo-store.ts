import type { Db } from 'mongodb';
import type { Store } from '../store.js';
import { TtlCache } from './cache.js';
import { MongoChatbotRepository } from './chatbots.js';
import { MongoConnectionRepository } from './connections.js';
import { MongoConversationRepository } from './conversations.js';
import { openDatabase, type StoreCommand } from './database.js';
import { MongoDeliveryRepository } from './deliveries.js';
import { MongoIdempotencyRepository } from './idempotency.js';
import { MongoMessageLookupRepository } from './message-lookups.js';
import { MongoRecoveryRepository } from './recoveries.js';
import { MongoRemovedSubscriptionRepository } from './removed-subscriptions.js';
import { withStoreErrors } from './store-errors.js';
import { MongoSubscriptionRepository } from './subscriptions.js';
import { MongoTargetHealthRepository } from './target-health.js';
import { MongoWorkspaceRepository } from './workspaces.js';

/** The store on MongoDB (or the embedded store, which speaks its protocol). */
export interface MongoStore extends Store {
  /**
   * The database itself: for Agenda's backend, which main.ts builds on it, and for tests that
   * read what was stored. Nothing else of the relay touches it.
   */
  readonly database: Db;
}

export interface MongoStoreOptions {
  /** Defaults to the database named in the URL. */
  dbName?: string;
  /** How long hot lookups are served from memory; other instances' changes show after it. */
  cacheTtlMs?: number;
  now?: () => number;
  /** Sees every command sent to the store (tests count them; nothing else needs it). */
  onCommand?: (command: StoreCommand) => void;
}

export async function openMongoStore(
  url: string,
  options: MongoStoreOptions = {},
): Promise<MongoStore> {
  const { client, db, collections } = await openDatabase(url, {
    ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    ...(options.onCommand ? { onCommand: options.onCommand } : {}),
  });
  const ttl = options.cacheTtlMs ?? 5_000;
  const now = options.now ?? Date.now;
  const c = collections;
  const lifecycle = withStoreErrors({
    async ping() {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  });
  // The edge: no driver error gets past these (see store-errors.ts).
  return {
    workspaces: withStoreErrors(new MongoWorkspaceRepository(c, new TtlCache(ttl, now))),
    chatbots: withStoreErrors(new MongoChatbotRepository(c, new TtlCache(ttl, now))),
    connections: withStoreErrors(new MongoConnectionRepository(c, new TtlCache(ttl, now))),
    subscriptions: withStoreErrors(new MongoSubscriptionRepository(c, new TtlCache(ttl, now))),
    conversations: withStoreErrors(new MongoConversationRepository(c)),
    messages: withStoreErrors(new MongoMessageLookupRepository(c)),
    deliveries: withStoreErrors(new MongoDeliveryRepository(c)),
    idempotency: withStoreErrors(new MongoIdempotencyRepository(c)),
    targetHealth: withStoreErrors(new MongoTargetHealthRepository(c)),
    recoveries: withStoreErrors(new MongoRecoveryRepository(c)),
    removedSubscriptions: withStoreErrors(new MongoRemovedSubscriptionRepository(c)),
    database: db,
    ping: () => lifecycle.ping(),
    close: () => lifecycle.close(),
  };
}
