import type { IDataObject } from 'n8n-workflow';
import { generateSecret } from '../../shared';

/** What the trigger keeps in the workflow's static data about its relay subscription. */
export interface SavedSubscription {
  subscriptionId: string;
  /** Signs every delivery to this subscription. */
  secret: string;
}

export function readSubscription(staticData: IDataObject): SavedSubscription | undefined {
  const { subscriptionId, secret } = staticData;
  if (typeof subscriptionId !== 'string' || subscriptionId === '') return undefined;
  if (typeof secret !== 'string' || secret === '') return undefined;
  return { subscriptionId, secret };
}

/**
 * The secret to subscribe with: the one this node had, else a new one. Subscribing again with
 * the same secret matters when the relay releases held replies the moment it is subscribed
 * again: n8n saves the workflow's static data only after the subscribe, so deliveries that
 * arrive before that are verified with the secret saved before, which must still be right.
 */
export function secretToSubscribeWith(staticData: IDataObject): string {
  const { secret } = staticData;
  return typeof secret === 'string' && secret !== '' ? secret : generateSecret();
}

export function saveSubscription(staticData: IDataObject, saved: SavedSubscription): void {
  staticData.subscriptionId = saved.subscriptionId;
  staticData.secret = saved.secret;
}

/** Forgets the subscription (nothing is delivered to this node until it subscribes again); keeps the secret. */
export function forgetSubscription(staticData: IDataObject): void {
  delete staticData.subscriptionId;
}
