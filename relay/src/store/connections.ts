import type { Connection, ConnectionChanges } from '../model/connection.js';
import type { Pause } from '../model/pause.js';

/** Custom Webhook connections. */
export interface ConnectionRepository {
  /** Oldest first. */
  list(filter: { workspaceId: string; chatbotId?: string }): Promise<Connection[]>;
  /** AlreadyExists when the id is taken. */
  insert(connection: Connection): Promise<void>;
  /** By id: every accepted message and every delivery attempt asks. */
  get(id: string): Promise<Connection | undefined>;
  owned(id: string, workspaceId: string): Promise<Connection | undefined>;
  /** The connection after the change; undefined when it is gone (also when deleted meanwhile). */
  update(
    id: string,
    workspaceId: string,
    changes: ConnectionChanges,
    at: Date,
  ): Promise<Connection | undefined>;
  /**
   * Pauses (with `pause`) or resumes (null) the webhook URL, only if it is not so already:
   * the connection as it was when this call changed it, undefined when it changed nothing
   * (of callers at once, one changes it).
   */
  setWebhookPause(id: string, pause: Pause | null): Promise<Connection | undefined>;
  /**
   * A new secret (see `rotatedSecrets`), only if the secret is still `connection.secret`:
   * false when another rotation came first.
   */
  rotateSecret(
    connection: Connection,
    sealed: string,
    previousExpiresAt: Date,
    at: Date,
  ): Promise<boolean>;
  delete(id: string, workspaceId: string): Promise<boolean>;
  idsOfChatbot(chatbotId: string, workspaceId: string): Promise<string[]>;
  deleteMany(ids: readonly string[]): Promise<void>;
  /** Any one sealed secret (the first stored), to check the secret key against at start. */
  anySealedSecret(): Promise<string | undefined>;
}
