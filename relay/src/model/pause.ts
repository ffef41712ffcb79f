import { UNPUBLISHED_PAUSE_REASON } from '@fourthchat/shared';

/** Why and since when a delivery target gets no attempts. */
export interface Pause {
  at: Date;
  reason: string;
}

export const PAUSED_BY_HAND = 'paused by hand';

/**
 * Paused because its deliveries failed, not by its owner (by hand, or unpublished): only such a
 * target may come back by itself, so only such a target is probed.
 */
export function pausedByFailures(pause: Pause): boolean {
  return pause.reason !== PAUSED_BY_HAND && pause.reason !== UNPUBLISHED_PAUSE_REASON;
}
