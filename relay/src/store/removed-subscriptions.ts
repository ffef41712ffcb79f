import type { RemovedSubscription } from '../model/subscription.js';

/** How many removals of one connection the API shows. */
export const REMOVALS_SHOWN = 20;

/** Subscriptions the relay removed, so that their owners can see it (the page, the API). */
export interface RemovedSubscriptionRepository {
  /** A subscription id is removed once: a repeat (two relays at once) changes nothing. */
  record(removed: RemovedSubscription): Promise<void>;
  /** The connection's latest removals (REMOVALS_SHOWN of them), newest first. */
  forConnection(connectionId: string): Promise<RemovedSubscription[]>;
  deleteForConnections(connectionIds: readonly string[]): Promise<void>;
  /** Up to `limit` records of removals before `cutoff` removed (retention); how many. */
  removeBefore(cutoff: Date, limit: number): Promise<number>;
}
