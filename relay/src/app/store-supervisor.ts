import type { EmbeddedStore, StoreExit } from '@fourthchat/embedded-store';
import type { Logger } from 'pino';

export interface StoreSupervisorDeps {
  /** Starts the store; with a port, on that port (a restart keeps every client's URI valid). */
  start(port?: number): Promise<EmbeddedStore>;
  logger: Logger;
  /** The store failed again after its one restart, or could not restart: the relay must end. */
  giveUp(reason: string): void;
}

export interface SupervisedStore {
  /** Stays valid across the restart. */
  uri: string;
  stop(): Promise<void>;
}

function described(exit: StoreExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${String(exit.code)}`;
}

/**
 * Watches the embedded store after start. A store ends itself when it can no longer keep what it
 * acknowledges (a failed fsync or disk write, a failed commit): it is restarted once, on the same
 * port, from what its file holds (every acknowledged write is synced). Meanwhile the relay's
 * requests answer 503 with Retry-After, as for any store outage. If it fails again, the relay
 * gives up and exits non-zero, so that a supervisor sees it instead of a relay answering 503 for
 * ever.
 */
export async function superviseStore(deps: StoreSupervisorDeps): Promise<SupervisedStore> {
  const { logger } = deps;
  let current = await deps.start();
  const port = current.port;
  let restarted = false;
  let stopping = false;

  const watch = (store: EmbeddedStore) => {
    void store.exited.then((exit) => {
      if (!exit.expected && !stopping) void failed(exit);
    });
  };
  const failed = async (exit: StoreExit) => {
    if (restarted) {
      const reason = `the embedded store failed again (${described(exit)}) after its restart`;
      logger.fatal({ code: exit.code, signal: exit.signal }, reason);
      deps.giveUp(reason);
      return;
    }
    restarted = true;
    logger.error(
      { code: exit.code, signal: exit.signal },
      'the embedded store stopped unexpectedly; restarting it once',
    );
    try {
      const next = await deps.start(port);
      current = next;
      if (stopping) {
        await next.stop();
        return;
      }
      logger.warn({ port }, 'the embedded store restarted');
      watch(next);
    } catch (error) {
      const reason = `the embedded store could not restart: ${error instanceof Error ? error.message : String(error)}`;
      logger.fatal(reason);
      deps.giveUp(reason);
    }
  };

  watch(current);
  return {
    uri: current.uri,
    stop: () => {
      stopping = true;
      return current.stop();
    },
  };
}
