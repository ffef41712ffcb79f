// Graceful shutdown of the relay process on SIGTERM: it stops accepting, exits 0, and what
// it could not finish is finished by the next start. Needs relay/dist (npx tsc -b relay).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { isOutgoingPayload } from '@fourthchat/shared';
import { apiClient } from '../support/api-client.js';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createConnection } from '../support/relay-harness.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait.js';
import { scaledMs } from '../support/time-scale.js';

jest.setTimeout(scaledMs(40_000));

let receiver: Receiver;
let fakeAi: FakeOpenAi;
const running: RelayProcess[] = [];
beforeAll(async () => {
  receiver = await startReceiver();
  fakeAi = await startFakeOpenAi();
});
afterAll(async () => {
  await Promise.all(running.map((relay) => relay.stop('SIGKILL')));
  await receiver.close();
  await fakeAi.close();
});

async function start(options: Parameters<typeof startRelayProcess>[0] = {}) {
  const relay = await startRelayProcess(options);
  running.push(relay);
  return { relay, api: apiClient(relay.baseUrl, relay.apiKey) };
}

/** Resolves with the exit code once the process has exited, and how long that took. */
async function terminate(relay: RelayProcess) {
  const started = performance.now();
  await relay.stop('SIGTERM');
  return {
    code: relay.child.exitCode,
    signal: relay.child.signalCode,
    ms: performance.now() - started,
  };
}

test('SIGTERM exits 0 and the port stops accepting', async () => {
  const { relay, api } = await start();
  const { connectionId } = await createConnection({ api }, receiver.url);
  await api('/api/webhooks/incoming', { body: { connectionId, message: 'before shutdown' } });
  await waitFor(() => receiver.requests.some((r) => r.body.includes('before shutdown')), {
    what: 'the reply',
  });

  const exit = await terminate(relay);

  expect(exit).toEqual({ code: 0, signal: null, ms: expect.any(Number) });
  expect(relay.output()).toMatch(/"msg":"shutting down"/);
  await expect(fetch(`${relay.baseUrl}/healthz`)).rejects.toThrow();
});

test('SIGTERM during an AI reply and a ?wait=true request: the client gets its 202, the process exits 0 promptly, and the next start delivers the reply', async () => {
  const port = await freePort();
  const options = {
    port,
    database: `relay_shutdown_${randomBytes(6).toString('hex')}`,
    env: {
      AI_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fakeAi.baseUrl,
      // Also the grace period in-flight work gets at shutdown.
      RELAY_DELIVERY_TIMEOUT_MS: '2000',
    },
  };
  const { relay, api } = await start(options);
  const { connectionId } = await createConnection({ api }, receiver.url);
  fakeAi.hold();
  const waiting = api('/api/webhooks/incoming?wait=true', {
    body: { connectionId, message: 'interrupted' },
  });
  await waitFor(() => fakeAi.held() > 0, { what: 'the AI call in flight' });

  const exit = await terminate(relay);
  const answer = await waiting;

  expect(exit.code).toBe(0);
  expect(exit.ms).toBeLessThan(scaledMs(5_000));
  expect(answer.status).toBe(202);
  expect(answer.body.status).toBe('accepted');

  fakeAi.release();
  await start({ ...options, apiKey: relay.apiKey });
  const delivered = await waitFor(
    () => receiver.requests.find((r) => r.body.includes('[ai] interrupted')),
    { timeoutMs: 20_000, what: 'the reply after the restart' },
  );
  const payload = JSON.parse(delivered.body) as unknown;
  expect(isOutgoingPayload(payload)).toBe(true);
  expect(payload).toEqual(expect.objectContaining({ conversationId: answer.body.conversationId }));
});
