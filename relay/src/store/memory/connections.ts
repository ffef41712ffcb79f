import { rotatedSecrets, type Connection, type ConnectionChanges } from '../../model/connection.js';
import type { Pause } from '../../model/pause.js';
import type { ConnectionRepository } from '../connections.js';
import { answer, changeOwned, oldestFirst, ownedBy, Table } from './table.js';

export class MemoryConnectionRepository implements ConnectionRepository {
  private readonly connections = new Table<Connection>('connections');

  list(filter: { workspaceId: string; chatbotId?: string }): Promise<Connection[]> {
    return answer(() =>
      oldestFirst(
        this.connections.find(
          (connection) =>
            connection.workspaceId === filter.workspaceId &&
            (filter.chatbotId === undefined || connection.chatbotId === filter.chatbotId),
        ),
      ),
    );
  }

  insert(connection: Connection): Promise<void> {
    return answer(() => {
      this.connections.insert(connection);
    });
  }

  get(id: string): Promise<Connection | undefined> {
    return answer(() => this.connections.get(id));
  }

  owned(id: string, workspaceId: string): Promise<Connection | undefined> {
    return answer(() => ownedBy(this.connections.get(id), workspaceId));
  }

  update(
    id: string,
    workspaceId: string,
    changes: ConnectionChanges,
    at: Date,
  ): Promise<Connection | undefined> {
    return answer(() =>
      changeOwned(this.connections, id, workspaceId, { ...changes, updatedAt: at }),
    );
  }

  setWebhookPause(id: string, pause: Pause | null): Promise<Connection | undefined> {
    return answer(() =>
      this.connections.update(
        id,
        (connection) =>
          pause ? connection.webhookPaused === null : connection.webhookPaused !== null,
        (connection) => ({ ...connection, webhookPaused: pause }),
      ),
    );
  }

  rotateSecret(
    connection: Connection,
    sealed: string,
    previousExpiresAt: Date,
    at: Date,
  ): Promise<boolean> {
    return answer(() => {
      const rotated = rotatedSecrets(connection, sealed, previousExpiresAt, at);
      const before = this.connections.update(
        connection.id,
        (stored) => stored.secret === connection.secret,
        (stored) => ({ ...stored, ...rotated, updatedAt: at }),
      );
      return before !== undefined;
    });
  }

  delete(id: string, workspaceId: string): Promise<boolean> {
    return answer(() =>
      this.connections.delete(id, (connection) => connection.workspaceId === workspaceId),
    );
  }

  idsOfChatbot(chatbotId: string, workspaceId: string): Promise<string[]> {
    return answer(() =>
      this.connections
        .find((c) => c.chatbotId === chatbotId && c.workspaceId === workspaceId)
        .map((c) => c.id),
    );
  }

  deleteMany(ids: readonly string[]): Promise<void> {
    return answer(() => {
      this.connections.deleteWhere((connection) => ids.includes(connection.id));
    });
  }

  anySealedSecret(): Promise<string | undefined> {
    return answer(() => this.connections.find()[0]?.secret);
  }
}
