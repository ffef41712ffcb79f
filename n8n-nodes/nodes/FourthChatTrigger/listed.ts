import {
  DEFAULT_EVENT_TYPES,
  isEventType,
  isNonEmptyString,
  isPlainObject,
  type EventType,
  type SubscriptionFilter,
  type WhileUnpublished,
} from '../../shared';

/** What the trigger wants of its subscription on the relay. */
export interface WantedSubscription {
  targetUrl: string;
  events: readonly EventType[];
  filter: SubscriptionFilter;
  whileUnpublished: WhileUnpublished;
}

interface ListedSubscription extends WantedSubscription {
  id: string;
  paused: boolean;
}

function listedFilter(value: unknown): SubscriptionFilter {
  if (!isPlainObject(value)) return {};
  const filter: SubscriptionFilter = {};
  if (isNonEmptyString(value.userId)) filter.userId = value.userId;
  if (isPlainObject(value.metadata)) {
    const metadata: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value.metadata)) {
      if (typeof entry === 'string') metadata[key] = entry;
    }
    filter.metadata = metadata;
  }
  return filter;
}

/**
 * A subscription as the relay lists it. A relay from before these fields lists none of them:
 * then it delivers replies only, unfiltered, is removed by DELETE and is never paused here.
 */
function listedSubscription(value: unknown): ListedSubscription | undefined {
  if (!isPlainObject(value) || !isNonEmptyString(value.id)) return undefined;
  if (typeof value.targetUrl !== 'string') return undefined;
  return {
    id: value.id,
    targetUrl: value.targetUrl,
    events: Array.isArray(value.events) ? value.events.filter(isEventType) : DEFAULT_EVENT_TYPES,
    filter: listedFilter(value.filter),
    whileUnpublished: value.whileUnpublished === 'drop' ? 'drop' : 'hold',
    paused: value.paused === true,
  };
}

function sameEvents(a: readonly EventType[], b: readonly EventType[]): boolean {
  return a.length === b.length && a.every((event) => b.includes(event));
}

function sameFilter(a: SubscriptionFilter, b: SubscriptionFilter): boolean {
  const left = Object.entries(a.metadata ?? {});
  const right = b.metadata ?? {};
  return (
    a.userId === b.userId &&
    left.length === Object.keys(right).length &&
    left.every(([key, value]) => right[key] === value)
  );
}

/**
 * Whether the relay lists the saved subscription as this node wants it, and delivering. A paused
 * one (it kept failing while n8n was down, or the workflow was unpublished) is not: subscribing
 * the same URL again resumes it and releases the replies it held.
 */
export function listsAsWanted(
  list: readonly unknown[],
  subscriptionId: string,
  wanted: WantedSubscription,
): boolean {
  return list
    .map(listedSubscription)
    .some(
      (listed) =>
        listed !== undefined &&
        listed.id === subscriptionId &&
        listed.targetUrl === wanted.targetUrl &&
        !listed.paused &&
        sameEvents(listed.events, wanted.events) &&
        sameFilter(listed.filter, wanted.filter) &&
        listed.whileUnpublished === wanted.whileUnpublished,
    );
}
