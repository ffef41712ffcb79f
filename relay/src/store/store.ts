import type { Db } from 'mongodb';
import { TtlCache } from './cache.js';
import { ChatbotRepository } from './chatbots.js';
import { ConnectionRepository } from './connections.js';
import { ConversationRepository } from './conversations.js';
import { DeliveryRepository } from './deliveries.js';
import { IdempotencyRepository } from './idempotency.js';
import { MessageLookupRepository } from './message-lookups.js';
import { openDatabase, type StoreCommand } from './mongo.js';
import { RecoveryRepository } from './recoveries.js';
import { RemovedSubscriptionRepository } from './removed-subscriptions.js';
import { SubscriptionRepository } from './subscriptions.js';
import { TargetHealthRepository } from './target-health.js';
import { WorkspaceRepository } from './workspaces.js';

/** The repositories: routes, domain and pipeline reach the store only through these. */
export interface Store {
  workspaces: WorkspaceRepository;
  chatbots: ChatbotRepository;
  connections: ConnectionRepository;
  subscriptions: SubscriptionRepository;
  conversations: ConversationRepository;
  messages: MessageLookupRepository;
  deliveries: DeliveryRepository;
  idempotency: IdempotencyRepository;
  targetHealth: TargetHealthRepository;
  recoveries: RecoveryRepository;
  removedSubscriptions: RemovedSubscriptionRepository;
  /** The database itself, for the job scheduler's backend (pipeline/agenda-scheduler.ts) only. */
  jobsDatabase: Db;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Defaults to the database named in the URL. */
  dbName?: string;
  /** How long hot lookups are served from memory; other instances' changes show after it. */
  cacheTtlMs?: number;
  now?: () => number;
  /** Sees every command sent to the store (tests count them; nothing else needs it). */
  onCommand?: (command: StoreCommand) => void;
}

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const { client, db, collections } = await openDatabase(url, {
    ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    ...(options.onCommand ? { onCommand: options.onCommand } : {}),
  });
  const ttl = options.cacheTtlMs ?? 5_000;
  const now = options.now ?? Date.now;
  return {
    workspaces: new WorkspaceRepository(collections, new TtlCache(ttl, now)),
    chatbots: new ChatbotRepository(collections, new TtlCache(ttl, now)),
    connections: new ConnectionRepository(collections, new TtlCache(ttl, now)),
    subscriptions: new SubscriptionRepository(collections, new TtlCache(ttl, now)),
    conversations: new ConversationRepository(collections),
    messages: new MessageLookupRepository(collections),
    deliveries: new DeliveryRepository(collections),
    idempotency: new IdempotencyRepository(collections),
    targetHealth: new TargetHealthRepository(collections),
    recoveries: new RecoveryRepository(collections),
    removedSubscriptions: new RemovedSubscriptionRepository(collections),
    jobsDatabase: db,
    async ping() {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
}
