import type { CreatedConnection } from '@fourthchat/shared';
import type { RelayApi } from './api/relay-api.js';
import type { Route } from './routes.js';
import type { Announce } from './ui/announcer.js';

/** Timers are passed in so the auto-refresh stops cleanly with its screen. */
export interface Timers {
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

/** What every screen of a signed-in session gets. */
export interface PageContext {
  api: RelayApi;
  apiKey: string;
  announce: Announce;
  navigate(route: Route): void;
  timers: Timers;
  /**
   * The create answer is the only read that has the secret; it goes from the form to the
   * connection page here, in memory, and is taken once.
   */
  created: {
    put(connection: CreatedConnection): void;
    take(connectionId: string): CreatedConnection | undefined;
  };
}

export interface Screen {
  /** The document title's first part. */
  title: string;
  view: HTMLElement;
  /** Where focus goes when the screen appears; the first heading when left out. */
  focus?: HTMLElement;
  dispose?(): void;
}
