import type { Logger } from 'pino';

export interface Principal {
  workspaceId: string;
  apiKeyId: string;
}

/** What middleware puts on ctx.state for the handlers. */
export interface RelayState {
  requestId: string;
  log: Logger;
  principal?: Principal;
}
