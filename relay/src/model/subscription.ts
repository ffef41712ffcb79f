import type { EventType, SubscriptionRemovalReason } from '@fourthchat/shared';
import type { Pause } from './pause.js';

/** A metadata key and the text its value must have; pairs, so client keys never become keys of what is stored. */
export interface MetadataMatch {
  key: string;
  value: string;
}

/** Which messages' events a subscription takes. */
export interface SubscriptionFilter {
  userId: string | null;
  metadata: MetadataMatch[];
}

export interface Subscription {
  id: string;
  workspaceId: string;
  connectionId: string;
  targetUrl: string;
  secret: string;
  /** What it receives. */
  events: EventType[];
  /** Null: every message. */
  filter: SubscriptionFilter | null;
  /** What its owner's DELETE does. */
  whileUnpublished: 'hold' | 'drop';
  /** Set while paused. */
  paused: Pause | null;
  /** When it is removed unless subscribed again; null: never. */
  expiresAt: Date | null;
  createdAt: Date;
}

/** What subscribing a URL again replaces: everything but its identity and creation time. */
export type SubscriptionTerms = Pick<
  Subscription,
  'secret' | 'events' | 'filter' | 'whileUnpublished' | 'expiresAt'
>;

export function termsOf(subscription: SubscriptionTerms): SubscriptionTerms {
  const { secret, events, filter, whileUnpublished, expiresAt } = subscription;
  return { secret, events, filter, whileUnpublished, expiresAt };
}

/** A subscription the relay removed, kept for the retention window so its owner can see it. */
export interface RemovedSubscription {
  /** The subscription's id. */
  id: string;
  workspaceId: string;
  connectionId: string;
  targetUrl: string;
  reason: SubscriptionRemovalReason;
  heldDeliveries: number;
  removedAt: Date;
}
