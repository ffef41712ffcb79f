import type { RelayDeps } from '../deps.js';
import type { AcceptBatcher } from '../pipeline/accept-batcher.js';
import type { ConversationWorker } from '../pipeline/conversation-worker.js';
import type { DeliveryService } from '../pipeline/delivery-service.js';
import type { HealthRecorder } from '../pipeline/health-recorder.js';
import type { SubscriptionRemovals } from '../pipeline/subscription-removal.js';
import type { TargetPauses } from '../pipeline/target-pause.js';
import type { ReplyEvents } from '../pipeline/reply-events.js';
import type { RetryScheduler } from '../pipeline/retry-scheduler.js';

/** The running parts routes talk to. */
export interface RelayServices {
  deps: RelayDeps;
  accepts: AcceptBatcher;
  worker: ConversationWorker;
  deliveries: DeliveryService;
  scheduler: RetryScheduler;
  events: ReplyEvents;
  health: HealthRecorder;
  pauses: TargetPauses;
  removals: SubscriptionRemovals;
  /** Where this relay is reached from outside, for the URLs it hands out. */
  publicUrl(): string;
}
