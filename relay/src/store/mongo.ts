import { MongoClient, type Collection, type Db, type Filter } from 'mongodb';
import type {
  ApiKeyDoc,
  ChatbotDoc,
  ConnectionDoc,
  ConversationDoc,
  DeliveryDoc,
  IdempotencyDoc,
  MessageDoc,
  PendingMessageDoc,
  RecoveryDoc,
  RemovedSubscriptionDoc,
  SubscriptionDoc,
  TargetHealthDoc,
  WorkspaceDoc,
} from './documents.js';

/** The collections; only the repositories in this folder use them. */
export interface Collections {
  workspaces: Collection<WorkspaceDoc>;
  apiKeys: Collection<ApiKeyDoc>;
  chatbots: Collection<ChatbotDoc>;
  connections: Collection<ConnectionDoc>;
  subscriptions: Collection<SubscriptionDoc>;
  conversations: Collection<ConversationDoc>;
  pendingMessages: Collection<PendingMessageDoc>;
  messages: Collection<MessageDoc>;
  deliveries: Collection<DeliveryDoc>;
  idempotency: Collection<IdempotencyDoc>;
  targetHealth: Collection<TargetHealthDoc>;
  recoveries: Collection<RecoveryDoc>;
  removedSubscriptions: Collection<RemovedSubscriptionDoc>;
}

export const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/**
 * The positions in an unordered bulk write that failed, split into existing _ids and the
 * rest; undefined when the outcome is unknown. The driver wraps a lost connection in the same
 * bulk error type, with an empty `writeErrors`: that is not "all written" but "no answer", so
 * only a bulk error that lists its write errors counts.
 */
export function bulkFailures(
  error: unknown,
): { duplicates: number[]; others: number[] } | undefined {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as {
    index: number;
    code: number;
  }[];
  if (list.length === 0) return undefined;
  return {
    duplicates: list.filter((e) => e.code === DUPLICATE_KEY).map((e) => e.index),
    others: list.filter((e) => e.code !== DUPLICATE_KEY).map((e) => e.index),
  };
}

/**
 * Removes up to `limit` documents that match, found in natural order: old documents come
 * first there, so the scan stops early and no long lock stalls the message path.
 */
export async function removeBatch<T extends { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  limit: number,
): Promise<number> {
  const found = await collection
    .find(filter, { projection: { _id: 1 } })
    .limit(limit)
    .toArray();
  if (found.length === 0) return 0;
  const ids = found.map((doc) => doc._id);
  const result = await collection.deleteMany({ _id: { $in: ids } } as Filter<T>);
  return result.deletedCount;
}

export interface Database {
  client: MongoClient;
  db: Db;
  collections: Collections;
}

/** A store command as it leaves the relay: its name and the collection it is for. */
export interface StoreCommand {
  name: string;
  collection: string | undefined;
}

/** Connects and ensures indexes. `dbName` defaults to the one in the URL (or `fourthchat`). */
export async function openDatabase(
  url: string,
  options: { dbName?: string; onCommand?: (command: StoreCommand) => void } = {},
): Promise<Database> {
  const client = new MongoClient(url, {
    // While the store is down a request waits this long before its 503: short enough that
    // clients see a prompt answer with Retry-After rather than a hang.
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 5_000,
    maxPoolSize: 50,
    monitorCommands: options.onCommand !== undefined,
  });
  const { onCommand } = options;
  if (onCommand) {
    client.on('commandStarted', (event) => {
      const target: unknown = event.command[event.commandName];
      onCommand({
        name: event.commandName,
        collection: typeof target === 'string' ? target : undefined,
      });
    });
  }
  await client.connect();
  const dbName = options.dbName;
  const db = client.db(
    dbName ??
      (new URL(url.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || 'fourthchat'),
  );
  const collections: Collections = {
    workspaces: db.collection('workspaces'),
    apiKeys: db.collection('apiKeys'),
    chatbots: db.collection('chatbots'),
    connections: db.collection('connections'),
    subscriptions: db.collection('subscriptions'),
    conversations: db.collection('conversations'),
    pendingMessages: db.collection('pendingMessages'),
    messages: db.collection('messages'),
    deliveries: db.collection('deliveries'),
    idempotency: db.collection('idempotency'),
    targetHealth: db.collection('targetHealth'),
    recoveries: db.collection('recoveries'),
    removedSubscriptions: db.collection('removedSubscriptions'),
  };
  await ensureIndexes(collections);
  return { client, db, collections };
}

/**
 * Every per-message and per-sweep query is by _id or a unique key, so the embedded store
 * (which ignores non-unique indexes) never scans on those paths. The non-unique indexes
 * serve the management API's listings on a real MongoDB.
 */
async function ensureIndexes(c: Collections): Promise<void> {
  await Promise.all([
    // Index options, then command options (none): the driver's non-deprecated overload.
    c.apiKeys.createIndex({ hash: 1 }, { unique: true }, undefined),
    c.subscriptions.createIndex({ connectionId: 1, targetUrl: 1 }, { unique: true }, undefined),
    c.conversations.createIndex({ key: 1 }, { unique: true }, undefined),
    c.chatbots.createIndex({ workspaceId: 1, createdAt: 1 }),
    c.connections.createIndex({ workspaceId: 1, chatbotId: 1 }),
    c.messages.createIndex({ conversationId: 1, seq: 1 }),
    c.messages.createIndex({ connectionId: 1, role: 1, createdAt: -1 }),
    c.deliveries.createIndex({ connectionId: 1, createdAt: -1 }),
    c.removedSubscriptions.createIndex({ connectionId: 1, removedAt: -1 }),
  ]);
}
