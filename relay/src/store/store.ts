import { MongoClient, type Collection, type Db } from 'mongodb';
import type {
  ApiKeyDoc,
  ChatbotDoc,
  ConnectionDoc,
  ConversationDoc,
  ConversationLeaseDoc,
  DeliveryDoc,
  IdempotencyDoc,
  MessageDoc,
  SubscriptionDoc,
  WorkspaceDoc,
} from './documents.js';

export interface Store {
  client: MongoClient;
  db: Db;
  workspaces: Collection<WorkspaceDoc>;
  apiKeys: Collection<ApiKeyDoc>;
  chatbots: Collection<ChatbotDoc>;
  connections: Collection<ConnectionDoc>;
  subscriptions: Collection<SubscriptionDoc>;
  conversations: Collection<ConversationDoc>;
  conversationLeases: Collection<ConversationLeaseDoc>;
  messages: Collection<MessageDoc>;
  deliveries: Collection<DeliveryDoc>;
  idempotency: Collection<IdempotencyDoc>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/** Connects and ensures indexes. `dbName` defaults to the one in the URL (or `fourthchat`). */
export async function openStore(url: string, dbName?: string): Promise<Store> {
  const client = new MongoClient(url, {
    // While the store is down a request waits this long before its 503: short enough that
    // clients see a prompt answer with Retry-After rather than a hang.
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 5_000,
    maxPoolSize: 50,
  });
  await client.connect();
  const db = client.db(
    dbName ??
      (new URL(url.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || 'fourthchat'),
  );
  const store: Store = {
    client,
    db,
    workspaces: db.collection('workspaces'),
    apiKeys: db.collection('apiKeys'),
    chatbots: db.collection('chatbots'),
    connections: db.collection('connections'),
    subscriptions: db.collection('subscriptions'),
    conversations: db.collection('conversations'),
    conversationLeases: db.collection('conversationLeases'),
    messages: db.collection('messages'),
    deliveries: db.collection('deliveries'),
    idempotency: db.collection('idempotency'),
    async ping() {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
  await ensureIndexes(store);
  return store;
}

// No TTL or partial indexes: FerretDB 1.x has neither (expiry is swept by a job instead).
async function ensureIndexes(store: Store): Promise<void> {
  await Promise.all([
    store.apiKeys.createIndex({ hash: 1 }, { unique: true }),
    store.chatbots.createIndex({ workspaceId: 1, createdAt: 1 }),
    store.connections.createIndex({ workspaceId: 1, chatbotId: 1 }),
    store.subscriptions.createIndex({ connectionId: 1, targetUrl: 1 }, { unique: true }),
    store.conversations.createIndex({ key: 1 }, { unique: true }),
    store.messages.createIndex({ conversationId: 1, seq: 1 }),
    store.messages.createIndex({ status: 1, role: 1, createdAt: 1 }),
    store.messages.createIndex({ connectionId: 1, role: 1, createdAt: -1 }),
    store.deliveries.createIndex({ connectionId: 1, createdAt: -1 }),
    store.deliveries.createIndex({ status: 1, nextAttemptAt: 1 }),
    store.idempotency.createIndex({ expiresAt: 1 }),
  ]);
}
