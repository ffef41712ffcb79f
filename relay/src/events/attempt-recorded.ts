import type { DeliveryAttempt } from '@fourthchat/shared';
import type { Delivery } from '../model/delivery.js';

/** One attempt as recorded, for the health figures and the `delivery.failed` event. */
export interface AttemptReport {
  /** The delivery as it was before this attempt. */
  delivery: Delivery;
  attempt: DeliveryAttempt;
  ok: boolean;
  /** The delivery ends `failed` with this attempt. */
  gaveUp: boolean;
  /** False when nothing was sent because the target is gone: no figure of any target. */
  sent: boolean;
  /** The target answered 410 Gone (never for a test): a subscription is removed for it. */
  gone: boolean;
}

export interface AttemptObserver {
  attempted(report: AttemptReport): void;
}
