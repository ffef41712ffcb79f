import type { DeliveryAttempt, DeliveryStatus, EventType } from '@fourthchat/shared';
import type { Lease } from './lease.js';
import type { Callback } from './message.js';

/** Which attempt a process is making right now, and until when the claim holds. */
export interface DeliveryClaim extends Lease {
  attempt: number;
}

export type DeliveryKind = 'reply' | 'test' | 'event' | 'callback';

export interface Delivery {
  id: string;
  workspaceId: string;
  connectionId: string;
  subscriptionId: string | null;
  messageId: string | null;
  kind: DeliveryKind;
  /** What the body is (the X-Webhook-Event header). */
  event: EventType;
  targetUrl: string;
  /** Set on a callback (kind `callback`): how it is signed. */
  callback?: Omit<Callback, 'url'>;
  /** Serialized once; every attempt sends these bytes. */
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** attempts.length, as a number a claim can name. */
  attemptCount: number;
  /** Attempts before the last redeliver; the retry schedule counts from there. */
  cycleStart: number;
  nextAttemptAt: Date | null;
  inFlight: DeliveryClaim | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A delivery this process holds the claim of: the only kind an attempt is made for. */
export type ClaimedDelivery = Delivery & { inFlight: DeliveryClaim };

export function isClaimed(delivery: Delivery): delivery is ClaimedDelivery {
  return delivery.inFlight !== null;
}
