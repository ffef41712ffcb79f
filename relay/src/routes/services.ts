import type { RelayDeps } from '../deps.js';
import type { AcceptBatcher } from '../conversations/accept-batcher.js';
import type { ConversationWorker } from '../conversations/conversation-worker.js';
import type { DeliveryService } from '../deliveries/delivery-service.js';
import type { RelayHub } from '../events/hub.js';
import type { HealthRecorder } from '../health/health-recorder.js';
import type { RelayEvents } from '../events/relay-events.js';
import type { TargetPauses } from '../health/target-pauses.js';
import type { ReplyWaits } from '../conversations/reply-waits.js';
import type { RetryScheduler } from '../jobs/jobs.js';

/** The running parts routes talk to. */
export interface RelayServices {
  deps: RelayDeps;
  accepts: AcceptBatcher;
  worker: ConversationWorker;
  deliveries: DeliveryService;
  /** The relay's in-process events. */
  hub: RelayHub;
  scheduler: RetryScheduler;
  /** `?wait=true` requests, handed their reply. */
  replies: ReplyWaits;
  health: HealthRecorder;
  pauses: TargetPauses;
  /** Sends the relay's events (target.paused, subscription.removed, …) to subscriptions. */
  relayEvents: RelayEvents;
  /** Where this relay is reached from outside, for the URLs it hands out. */
  publicUrl(): string;
}
