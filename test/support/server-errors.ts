// "No request a client can send produces a 5xx": every relay test file checks the
// relay's own request counter when it is done, so a 5xx anywhere fails its file.
import { expect } from '@jest/globals';
import type { TestRelay } from './relay-harness.js';

export async function serverErrors(relay: TestRelay): Promise<string[]> {
  const counted = await relay.relay.services.deps.metrics.requests.get();
  return counted.values
    .filter((value) => Number(value.labels.status) >= 500)
    .map(({ labels }) => `${labels.method} ${labels.route} answered ${labels.status}`);
}

/** Closes the relay after checking it never answered a 5xx. */
export async function closeWithoutServerErrors(relay: TestRelay): Promise<void> {
  expect(await serverErrors(relay)).toEqual([]);
  await relay.close();
}
