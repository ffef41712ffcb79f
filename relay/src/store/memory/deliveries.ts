import type { DeliveryStatus } from '@fourthchat/shared';
import type { ClaimedDelivery, Delivery, DeliveryClaim } from '../../model/delivery.js';
import { attemptChange } from '../../model/delivery-transitions.js';
import type { RecoverWindow } from '../../model/recovery.js';
import type { ClaimResult, DeliveryRepository, Redelivery } from '../deliveries.js';
import { answer, oldestFirst, ownedBy, Table } from './table.js';

const unfinished = (delivery: Delivery) =>
  delivery.status === 'pending' || delivery.status === 'retrying';

/** No claim, or one that ran out before `now`. */
const unclaimed = (delivery: Delivery, now: Date) =>
  delivery.inFlight === null || delivery.inFlight.until < now;

/** The delivery while `delivery`'s claim still holds it: one taken over meanwhile matches nothing. */
const heldBy = (claimed: ClaimedDelivery) => (delivery: Delivery) =>
  delivery.attemptCount === claimed.inFlight.attempt &&
  delivery.inFlight?.owner === claimed.inFlight.owner;

function recoverable(window: RecoverWindow) {
  return (delivery: Delivery) =>
    delivery.connectionId === window.connectionId &&
    (delivery.status === 'failed' || delivery.status === 'paused') &&
    delivery.kind !== 'test' &&
    delivery.kind !== 'callback' &&
    delivery.createdAt >= window.since &&
    delivery.createdAt < window.until &&
    (window.subscriptionId === undefined || delivery.subscriptionId === window.subscriptionId);
}

/** Oldest first, then by id, as a new cycle of each is started. */
function inOrder<T extends Delivery>(deliveries: T[]): T[] {
  return oldestFirst(deliveries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

export class MemoryDeliveryRepository implements DeliveryRepository {
  private readonly deliveries = new Table<Delivery>('deliveries');

  createMany(deliveries: Delivery[]): Promise<Set<string>> {
    return answer(() => {
      const created = new Set<string>();
      for (const delivery of deliveries) {
        if (this.deliveries.get(delivery.id)) continue;
        this.deliveries.insert(delivery);
        created.add(delivery.id);
      }
      return created;
    });
  }

  claim(id: string, claim: DeliveryClaim, now: Date): Promise<ClaimResult> {
    return answer((): ClaimResult => {
      const before = this.deliveries.update(
        id,
        (delivery) =>
          delivery.attemptCount === claim.attempt &&
          unfinished(delivery) &&
          unclaimed(delivery, now),
        (delivery) => ({ ...delivery, inFlight: claim }),
      );
      if (before) return { state: 'claimed', delivery: { ...before, inFlight: claim } };
      const current = this.deliveries.get(id);
      if (current?.attemptCount === claim.attempt && unfinished(current) && current.inFlight) {
        return { state: 'busy', until: current.inFlight.until };
      }
      return { state: 'stale' };
    });
  }

  record(claimed: ClaimedDelivery, next: Delivery): Promise<void> {
    return answer(() => {
      this.deliveries.update(claimed.id, heldBy(claimed), (stored) => ({
        ...stored,
        ...attemptChange(next),
      }));
    });
  }

  get(id: string): Promise<Delivery | undefined> {
    return answer(() => this.deliveries.get(id));
  }

  owned(id: string, workspaceId: string): Promise<Delivery | undefined> {
    return answer(() => ownedBy(this.deliveries.get(id), workspaceId));
  }

  list(input: {
    connectionId: string;
    status?: DeliveryStatus;
    limit: number;
  }): Promise<Delivery[]> {
    return answer(() =>
      oldestFirst(
        this.deliveries.find(
          (delivery) =>
            delivery.connectionId === input.connectionId &&
            (input.status === undefined || delivery.status === input.status),
        ),
      )
        .reverse()
        .slice(0, input.limit),
    );
  }

  redeliver(delivery: Redelivery, now: Date): Promise<Delivery | undefined> {
    return answer(() => {
      const restarted = (stored: Delivery): Delivery => ({
        ...stored,
        status: 'pending',
        nextAttemptAt: null,
        cycleStart: delivery.attemptCount,
        updatedAt: now,
        inFlight: null,
      });
      const before = this.deliveries.update(
        delivery.id,
        (stored) => stored.attemptCount === delivery.attemptCount && unclaimed(stored, now),
        restarted,
      );
      return before && restarted(before);
    });
  }

  recoverable(
    window: RecoverWindow,
  ): Promise<Pick<Delivery, 'id' | 'attemptCount' | 'subscriptionId'>[]> {
    return answer(() =>
      inOrder(this.deliveries.find(recoverable(window))).map(
        ({ id, attemptCount, subscriptionId }) => ({ id, attemptCount, subscriptionId }),
      ),
    );
  }

  countRecoverable(window: RecoverWindow): Promise<number> {
    return answer(() => this.deliveries.find(recoverable(window)).length);
  }

  held(subscriptionId: string): Promise<Redelivery[]> {
    return answer(() =>
      inOrder(this.deliveries.find(isHeldFor(subscriptionId))).map(({ id, attemptCount }) => ({
        id,
        attemptCount,
      })),
    );
  }

  countHeld(subscriptionId: string): Promise<number> {
    return answer(() => this.deliveries.find(isHeldFor(subscriptionId)).length);
  }

  heldSubscriptionIds(): Promise<string[]> {
    return answer(() => [
      ...new Set(
        this.deliveries
          .find((delivery) => delivery.status === 'paused')
          .flatMap(({ subscriptionId }) => (subscriptionId === null ? [] : [subscriptionId])),
      ),
    ]);
  }

  removeFinishedBefore(cutoff: Date, limit: number): Promise<number> {
    return answer(() =>
      this.deliveries.deleteWhere(
        (delivery) => delivery.createdAt < cutoff && !unfinished(delivery),
        limit,
      ),
    );
  }
}

const isHeldFor = (subscriptionId: string) => (delivery: Delivery) =>
  delivery.subscriptionId === subscriptionId && delivery.status === 'paused';
