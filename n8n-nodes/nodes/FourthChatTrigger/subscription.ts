import type { IDataObject } from 'n8n-workflow';

/** What the trigger keeps in the workflow's static data about its relay subscription. */
export interface SavedSubscription {
  subscriptionId: string;
  /** Signs every delivery to this subscription; only the create answer ever carries it. */
  secret: string;
}

export function readSubscription(staticData: IDataObject): SavedSubscription | undefined {
  const { subscriptionId, secret } = staticData;
  if (typeof subscriptionId !== 'string' || subscriptionId === '') return undefined;
  if (typeof secret !== 'string' || secret === '') return undefined;
  return { subscriptionId, secret };
}

export function saveSubscription(staticData: IDataObject, saved: SavedSubscription): void {
  staticData.subscriptionId = saved.subscriptionId;
  staticData.secret = saved.secret;
}

export function forgetSubscription(staticData: IDataObject): void {
  delete staticData.subscriptionId;
  delete staticData.secret;
}
