import type { Pause } from './pause.js';

/** Bounds the headers of a delivery signed during several quick rotations. */
export const MAX_PREVIOUS_SECRETS = 3;

export interface HeaderPair {
  name: string;
  value: string;
}

/** A secret rotated out: it co-signs until `expiresAt`. */
export interface PreviousSecret {
  sealed: string;
  expiresAt: Date;
}

export interface Connection {
  id: string;
  workspaceId: string;
  chatbotId: string;
  name: string;
  webhookUrl: string;
  /** Sealed with the secret box. */
  secret: string;
  /** Secrets rotated out, newest first: each co-signs until its expiresAt (at most 3 kept). */
  previousSecrets: PreviousSecret[];
  /** Pairs, not an object, so header names never become keys of what is stored. */
  customHeaders: HeaderPair[];
  enabled: boolean;
  /** Set while the webhook URL is paused. */
  webhookPaused: Pause | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ConnectionChanges = Partial<
  Pick<Connection, 'name' | 'webhookUrl' | 'customHeaders' | 'enabled'>
>;

/**
 * The secrets after a rotation to `sealed`: the one it replaces co-signs until
 * `previousExpiresAt`, and so do earlier ones still inside their overlap, newest first, at most
 * MAX_PREVIOUS_SECRETS of them.
 */
export function rotatedSecrets(
  connection: Pick<Connection, 'secret' | 'previousSecrets'>,
  sealed: string,
  previousExpiresAt: Date,
  at: Date,
): Pick<Connection, 'secret' | 'previousSecrets'> {
  const previousSecrets = [
    { sealed: connection.secret, expiresAt: previousExpiresAt },
    ...connection.previousSecrets.filter((previous) => previous.expiresAt > at),
  ].slice(0, MAX_PREVIOUS_SECRETS);
  return { secret: sealed, previousSecrets };
}
