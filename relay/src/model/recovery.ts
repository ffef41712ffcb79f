/** A bulk recover, stored first: its id (derived from the window) makes it run once. */
export interface Recovery {
  id: string;
  workspaceId: string;
  connectionId: string;
  since: Date;
  until: Date;
  target: string | null;
  queued: number;
  ratePerSecond: number;
  createdAt: Date;
}

/** A recover's selection: `subscriptionId` null is the webhook URL, undefined every target. */
export interface RecoverWindow {
  connectionId: string;
  since: Date;
  until: Date;
  subscriptionId?: string | null;
}
