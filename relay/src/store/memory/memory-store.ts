import type { Store } from '../store.js';
import { MemoryChatbotRepository } from './chatbots.js';
import { MemoryConnectionRepository } from './connections.js';
import { conversationTables, MemoryConversationRepository } from './conversations.js';
import { MemoryDeliveryRepository } from './deliveries.js';
import { MemoryIdempotencyRepository } from './idempotency.js';
import { MemoryMessageLookupRepository } from './message-lookups.js';
import { MemoryRecoveryRepository } from './recoveries.js';
import { MemoryRemovedSubscriptionRepository } from './removed-subscriptions.js';
import { MemorySubscriptionRepository } from './subscriptions.js';
import { MemoryTargetHealthRepository } from './target-health.js';
import { MemoryWorkspaceRepository } from './workspaces.js';

/**
 * The store in this process's memory: every repository with the guarantees of the MongoDB one
 * (each method atomic, see `answer` in table.ts), nothing kept beyond the process. For tests
 * of the engine that need no real store; the relay itself runs on MongoDB.
 */
export function createMemoryStore(): Store {
  const tables = conversationTables();
  return {
    workspaces: new MemoryWorkspaceRepository(),
    chatbots: new MemoryChatbotRepository(),
    connections: new MemoryConnectionRepository(),
    subscriptions: new MemorySubscriptionRepository(),
    conversations: new MemoryConversationRepository(tables),
    messages: new MemoryMessageLookupRepository(tables),
    deliveries: new MemoryDeliveryRepository(),
    idempotency: new MemoryIdempotencyRepository(),
    targetHealth: new MemoryTargetHealthRepository(),
    recoveries: new MemoryRecoveryRepository(),
    removedSubscriptions: new MemoryRemovedSubscriptionRepository(),
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
