import type { DeliveryAttempt } from '@fourthchat/shared';
import type { Delivery } from '../model/delivery.js';

/**
 * A delivery attempt was recorded (the delivery service emits it): the health figures count
 * it, a reply delivery that gave up raises `delivery.failed`, a subscription's 410 removes it.
 */
export interface AttemptRecorded {
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
