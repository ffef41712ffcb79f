// A test file's own in-process relay: started before its tests, closed after them, and
// checked for 5xx answers on the way out.
import { afterAll, beforeAll } from '@jest/globals';
import {
  startTestRelay,
  type MemoryTestRelay,
  type TestRelay,
  type TestRelayOptions,
} from './relay-harness.js';
import { closeWithoutServerErrors } from './server-errors.js';

/**
 * Call at the top of a test file with how to start its relay. The object is filled in by
 * beforeAll, so the tests use it as the relay while the file reads as if it existed from the
 * start.
 */
export function relayFixture<T extends TestRelay>(start: () => Promise<T>): T {
  const relay = {} as T;
  beforeAll(async () => {
    Object.assign(relay, await start());
  });
  afterAll(() => closeWithoutServerErrors(relay));
  return relay;
}

/** The file's relay on the memory store (see relay-harness.ts). */
export function relayForThisFile(options?: TestRelayOptions): MemoryTestRelay {
  return relayFixture(() => startTestRelay(options));
}
