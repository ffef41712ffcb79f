import type { ChatbotRepository } from './chatbots.js';
import type { ConnectionRepository } from './connections.js';
import type { ConversationRepository } from './conversations.js';
import type { DeliveryRepository } from './deliveries.js';
import type { IdempotencyRepository } from './idempotency.js';
import type { MessageLookupRepository } from './message-lookups.js';
import type { RecoveryRepository } from './recoveries.js';
import type { RemovedSubscriptionRepository } from './removed-subscriptions.js';
import type { SubscriptionRepository } from './subscriptions.js';
import type { TargetHealthRepository } from './target-health.js';
import type { WorkspaceRepository } from './workspaces.js';

/**
 * The repositories: routes, domain and pipeline reach the store only through these. Two
 * implementations: MongoDB (`mongo/`, what the relay runs on) and memory (`memory/`), with the
 * same guarantees under concurrent callers (test/store/repositories.suite.ts).
 */
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
  /** Throws StoreUnavailable when the store does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
