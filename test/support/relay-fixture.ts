// A test file's own in-process relay: started before its tests, closed after them, and
// checked for 5xx answers on the way out.
import { afterAll, beforeAll } from '@jest/globals';
import { startTestRelay, type TestRelay } from './relay-harness.js';
import { closeWithoutServerErrors } from './server-errors.js';

/**
 * Call at the top of a test file. The object is filled in by beforeAll, so the tests use
 * it as a TestRelay while the file reads as if the relay existed from the start.
 */
export function relayForThisFile(options?: Parameters<typeof startTestRelay>[0]): TestRelay {
  const relay = {} as TestRelay;
  beforeAll(async () => {
    Object.assign(relay, await startTestRelay(options));
  });
  afterAll(() => closeWithoutServerErrors(relay));
  return relay;
}
