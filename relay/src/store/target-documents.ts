import type { EventType, SubscriptionRemovalReason } from '@fourthchat/shared';

// The documents about delivery targets: pauses, subscriptions (and those removed), health
// figures and recovers. `documents.ts` re-exports them with the rest of the store's documents.

/** Why and since when a delivery target gets no attempts. */
export interface Pause {
  at: Date;
  reason: string;
}

/** A metadata key and the text its value must have; pairs, so client keys never become document keys. */
export interface MetadataMatch {
  key: string;
  value: string;
}

/** Which messages' events a subscription takes; null (or absent) takes all. */
export interface SubscriptionFilterDoc {
  userId: string | null;
  metadata: MetadataMatch[];
}

export interface SubscriptionDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  targetUrl: string;
  secret: string;
  /** What it receives; absent on documents from before events existed: replies only. */
  events?: EventType[];
  /** Absent on documents from before filters existed: every message. */
  filter?: SubscriptionFilterDoc | null;
  /** What its owner's DELETE does; absent: `hold`. */
  whileUnpublished?: 'hold' | 'drop';
  /** Set while paused; absent (or null) when not. */
  paused?: Pause | null;
  /** When it is removed unless subscribed again; absent or null: never. */
  expiresAt?: Date | null;
  createdAt: Date;
}

/** A subscription the relay removed, kept for the retention window so its owner can see it. */
export interface RemovedSubscriptionDoc {
  /** The subscription's id. */
  _id: string;
  workspaceId: string;
  connectionId: string;
  targetUrl: string;
  reason: SubscriptionRemovalReason;
  heldDeliveries: number;
  removedAt: Date;
}

/**
 * One attempt-time bucket count per entry of HEALTH_LATENCY_BOUNDS_MS (store/target-health.ts):
 * a fixed log-scale histogram, so percentiles are read as the upper bound of their bucket.
 */
export interface HealthHour {
  /** Hours since the epoch: the slot is reused a day later, reset on its first write. */
  hour: number;
  attempts: number;
  succeeded: number;
  /** Bucket index (as text) → attempts whose time fell in it. */
  latency: Record<string, number>;
}

/**
 * How one delivery target fares. `_id` is the target key: `<connectionId>:webhook` or the
 * subscription id. Counters only grow by `$inc`, so relays sharing a store never lose counts.
 */
export interface TargetHealthDoc {
  _id: string;
  connectionId: string;
  subscriptionId: string | null;
  /** Deliveries that gave up since the last successful attempt. */
  consecutiveFailures: number;
  /** The first failed attempt after the last success; absent while the latest one succeeded. */
  failingSince?: Date;
  lastError?: { message: string; at: Date };
  lastSuccessAt?: Date;
  /** `h0` … `h23`: slot hour % 24 of the last 24 hours. */
  hours: Record<string, HealthHour>;
}

/** A bulk recover, stored first: its unique _id (derived from the window) makes it run once. */
export interface RecoveryDoc {
  _id: string;
  workspaceId: string;
  connectionId: string;
  since: Date;
  until: Date;
  target: string | null;
  queued: number;
  ratePerSecond: number;
  createdAt: Date;
}
