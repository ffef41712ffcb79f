import type { WebhookTriggerPerform } from 'zapier-platform-core';
import type { HookInput } from './input.js';
import { deliveryOutcome, type Delivered } from './outcome.js';

/** A hook trigger's perform: one item per genuine delivery `toItem` accepts, none otherwise. */
export function performFor<T extends object>(
  toItem: (payload: unknown) => T | undefined,
): WebhookTriggerPerform<HookInput, Delivered<T>> {
  return (z, bundle) => {
    const outcome = deliveryOutcome(bundle.rawRequest, bundle.subscribeData, new Date(), toItem);
    if ('skipped' in outcome) z.console.log(`FourthChat delivery ignored: ${outcome.skipped}`);
    return outcome.items;
  };
}
