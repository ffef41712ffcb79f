import type { EventType } from '@fourthchat/shared';
import type { Pause } from '../model/pause.js';
import type { Subscription } from '../model/subscription.js';

export interface Subscribed {
  subscription: Subscription;
  created: boolean;
  /** It was paused, and this call resumed it (of callers at once, exactly one). */
  resumed: boolean;
}

/** What names a subscription, and the connection whose list it is in. */
export type SubscriptionRef = Pick<Subscription, 'id' | 'connectionId'>;

/** REST-hook subscriptions; a connection's URLs are unique. */
export interface SubscriptionRepository {
  /** Oldest first: every reply fans out to them. */
  forConnection(connectionId: string): Promise<Subscription[]>;
  /** Of several connections, oldest first (the connection list's health). */
  forConnections(connectionIds: readonly string[]): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
  owned(id: string, workspaceId: string): Promise<Subscription | undefined>;
  /**
   * Pauses (with `pause`) or resumes (null) a subscription, only if it is not so already:
   * the subscription as it was when this call changed it, undefined when it changed nothing.
   */
  setPause(subscription: SubscriptionRef, pause: Pause | null): Promise<Subscription | undefined>;
  /** The subscription after the change; undefined when it is gone. */
  setEvents(subscription: SubscriptionRef, events: EventType[]): Promise<Subscription | undefined>;
  /** Subscriptions paused before `cutoff` (an hourly maintenance scan). */
  pausedBefore(cutoff: Date): Promise<Subscription[]>;
  /** Subscriptions whose expiry is before `now` (the same hourly scan). */
  expiredBefore(now: Date): Promise<Subscription[]>;
  /**
   * Subscribes `subscription.targetUrl`, or gives the existing subscription of that URL the
   * new terms and resumes it: of requests at once for one URL one creates it and, of those
   * finding it paused, one resumes it.
   */
  subscribe(subscription: Subscription): Promise<Subscribed>;
  /** True when this call removed it (of removers at once, one). */
  delete(subscription: SubscriptionRef): Promise<boolean>;
  deleteForConnections(connectionIds: readonly string[]): Promise<void>;
}
