import type { DeliveryStatus } from '@fourthchat/shared';
import type { ClaimedDelivery, Delivery, DeliveryClaim } from '../model/delivery.js';
import type { RecoverWindow } from '../model/recovery.js';

export type ClaimResult =
  | { state: 'claimed'; delivery: ClaimedDelivery }
  /** Another process is making this attempt until `until`. */
  | { state: 'busy'; until: Date }
  /** The attempt was made already, or the delivery is finished or gone. */
  | { state: 'stale' };

/** A delivery to start again: the attempt count it was selected at. */
export type Redelivery = Pick<Delivery, 'id' | 'attemptCount'>;

/** Deliveries and their attempts. Every state change of a delivery goes through here. */
export interface DeliveryRepository {
  /**
   * Inserts deliveries whose ids derive from their source and target, so a re-run finds
   * the first run's. Answers the ids that were new (and so carry the caller's claim).
   */
  createMany(deliveries: Delivery[]): Promise<Set<string>>;
  /**
   * Claims attempt number `claim.attempt` (0-based) of an unfinished delivery: of claimers at
   * once, one. A claim for an attempt that was made meanwhile is stale: a late retry job
   * cannot send twice. An expired claim is taken over.
   */
  claim(id: string, claim: DeliveryClaim, now: Date): Promise<ClaimResult>;
  /**
   * Records the claimed attempt: writes what it changed (`attemptChange` of `next`, the
   * delivery `afterAttempt` answered). A claim that expired and was taken over meanwhile
   * matches nothing: the new owner's attempt is the one recorded.
   */
  record(claimed: ClaimedDelivery, next: Delivery): Promise<void>;
  get(id: string): Promise<Delivery | undefined>;
  owned(id: string, workspaceId: string): Promise<Delivery | undefined>;
  /** Newest first. */
  list(input: {
    connectionId: string;
    status?: DeliveryStatus;
    limit: number;
  }): Promise<Delivery[]>;
  /**
   * Starts a new cycle of attempts: the delivery after it. Refused (undefined) while an
   * attempt is in flight, so a redeliver can never run beside a send.
   */
  redeliver(delivery: Redelivery, now: Date): Promise<Delivery | undefined>;
  /** Failed and paused reply and event deliveries of a window, oldest first. */
  recoverable(
    window: RecoverWindow,
  ): Promise<Pick<Delivery, 'id' | 'attemptCount' | 'subscriptionId'>[]>;
  countRecoverable(window: RecoverWindow): Promise<number>;
  /** What a paused subscription holds: its `paused` deliveries, oldest first. */
  held(subscriptionId: string): Promise<Redelivery[]>;
  countHeld(subscriptionId: string): Promise<number>;
  /** The subscriptions holding `paused` deliveries (a scan: once at start). */
  heldSubscriptionIds(): Promise<string[]>;
  /** Up to `limit` finished deliveries created before `cutoff` removed; how many. */
  removeFinishedBefore(cutoff: Date, limit: number): Promise<number>;
}
