import type { Logger } from 'pino';
import type { AttemptRecorded } from './attempt-recorded.js';

/** The relay's in-process events, by name, with what each carries. */
export interface HubEvents {
  /** A delivery attempt was recorded (health figures, `delivery.failed`, a 410's removal). */
  attemptRecorded: AttemptRecorded;
}

type Listener<T> = (event: T) => void;

/**
 * A small typed event hub: who makes a thing happen emits it, who reacts subscribes, and
 * neither knows the other. Listeners run in the order they subscribed, synchronously, each
 * on its own: one that throws is logged and the others still run. A listener that has work
 * to do starts it and returns (the emitter never waits for it).
 */
export class EventHub<Events extends object> {
  private readonly listeners = new Map<keyof Events, Listener<never>[]>();

  constructor(private readonly logger: Pick<Logger, 'error'>) {}

  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  emit<K extends keyof Events>(name: K, event: Events[K]): void {
    for (const listener of (this.listeners.get(name) ?? []) as Listener<Events[K]>[]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, event: String(name) }, 'event listener failed');
      }
    }
  }
}

/** The hub of one running relay. */
export type RelayHub = EventHub<HubEvents>;
