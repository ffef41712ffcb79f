import { defineInputFields, type InferInputData } from 'zapier-platform-core';
import type { SubscriptionFilter } from '../../shared/index.js';

/** The filters of a trigger on replies: the relay sends the Zap only the matching ones. */
export const replyFilterInputFields = defineInputFields([
  {
    key: 'userId',
    label: 'Only for User ID',
    type: 'string',
    helpText:
      'Optional: start the Zap only for replies to this user (the User ID the message was sent with).',
  },
  {
    key: 'metadata',
    label: 'Only with Metadata',
    dict: true,
    helpText:
      'Optional: start the Zap only for replies whose message metadata has each of these keys with this value (a number or true/false matches its text, e.g. `42`).',
  },
]);

export type ReplyFilterInput = Partial<InferInputData<typeof replyFilterInputFields>>;

/** The subscription's `filter`, or undefined when the Zap takes every reply. */
export function subscriptionFilter(input: ReplyFilterInput): SubscriptionFilter | undefined {
  const userId = input.userId?.trim();
  const entries = Object.entries(input.metadata ?? {}).filter(([key]) => key.trim() !== '');
  const filter: SubscriptionFilter = {
    ...(userId ? { userId } : {}),
    ...(entries.length > 0 ? { metadata: Object.fromEntries(entries) } : {}),
  };
  return Object.keys(filter).length > 0 ? filter : undefined;
}
